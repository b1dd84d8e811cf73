package amicatalog.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;

/**
 * WireMock in front of moto, for what moto cannot do: it passes every EC2 call through, and
 * answers the few a test makes fail with EC2's own error XML. Its request log shows which calls
 * were (not) made.
 */
public final class Ec2Proxy implements AutoCloseable {
  private final WireMockServer wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private final MotoServer moto;

  public Ec2Proxy(MotoServer moto) {
    this.moto = moto;
    wiremock.start();
    passEverythingToMoto();
  }

  public URI endpoint() {
    return URI.create(wiremock.baseUrl());
  }

  /** Forgets the failing calls and the request log. */
  public void reset() {
    wiremock.resetAll();
    passEverythingToMoto();
  }

  /** Forgets the failing calls; the request log stays. */
  public void passEverythingToMoto() {
    wiremock.resetMappings();
    wiremock.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
  }

  /** Makes an EC2 action fail, its DryRun or the real call, in every region or in one (by the SigV4 scope). */
  public void failing(String action, boolean dryRun, String regionOrNull, int status, String code, String message) {
    MappingBuilder call = post(urlEqualTo("/")).atPriority(1)
        .withRequestBody(containing("Action=" + action + "&"))
        .withRequestBody(dryRun ? containing("DryRun=true") : notContaining("DryRun=true"));
    if (regionOrNull != null) call = call.withHeader("Authorization", containing("/" + regionOrNull + "/ec2/aws4_request"));
    wiremock.stubFor(call.willReturn(ec2Error(status, code, message)));
  }

  /**
   * Answers an EC2 action itself, with EC2's XML for it, instead of moto (which lacks some, such as
   * EnableImageDeprecation, and answers 500): the real call, or its DryRun's DryRunOperation.
   */
  public void answering(String action, boolean dryRun, String responseXml) {
    MappingBuilder call = post(urlEqualTo("/")).atPriority(1)
        .withRequestBody(containing("Action=" + action + "&"))
        .withRequestBody(dryRun ? containing("DryRun=true") : notContaining("DryRun=true"));
    wiremock.stubFor(call.willReturn(dryRun
        ? ec2Error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
        : aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(responseXml)));
  }

  /** Refuses STS AssumeRole of the roles whose ARN contains {@code roleArnPart}, as STS does (AccessDenied). */
  public void refusingRole(String roleArnPart) {
    wiremock.stubFor(post(urlEqualTo("/")).atPriority(1)
        .withRequestBody(containing("Action=AssumeRole&"))
        .withRequestBody(containing(java.net.URLEncoder.encode(roleArnPart, java.nio.charset.StandardCharsets.UTF_8)))
        .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>
            <Message>User: arn:aws:iam::123456789012:user/catalog is not authorized to perform: sts:AssumeRole on resource: %s</Message>
            </Error><RequestId>req-2</RequestId></ErrorResponse>""".formatted(roleArnPart))));
  }

  /**
   * Answers STS AssumeRole of the roles whose ARN contains {@code roleArnPart} with these
   * credentials (got from moto by the test, so moto acts as the role's account with them): the
   * proxy then knows each account's calls by their access key ({@link #sharingWith}).
   */
  public void assumingRoleAs(String roleArnPart, software.amazon.awssdk.auth.credentials.AwsSessionCredentials credentials) {
    wiremock.stubFor(post(urlEqualTo("/")).atPriority(2)
        .withRequestBody(containing("Action=AssumeRole&"))
        .withRequestBody(containing(java.net.URLEncoder.encode(roleArnPart, java.nio.charset.StandardCharsets.UTF_8)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
            <AccessKeyId>%s</AccessKeyId><SecretAccessKey>%s</SecretAccessKey><SessionToken>%s</SessionToken>
            <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>%s</Arn>
            <AssumedRoleId>AROATEST:ami-catalog</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>
            <ResponseMetadata><RequestId>req-3</RequestId></ResponseMetadata></AssumeRoleResponse>"""
            .formatted(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken(), roleArnPart))));
  }

  /**
   * What moto cannot do: an image of one account shared with another (moto keeps each account's
   * images apart). The account whose calls are signed with {@code accessKeyId} is answered these
   * images, as their owner describes them, when it lists the images shared with it (ExecutableBy=self).
   */
  public void sharingWith(String accessKeyId, List<software.amazon.awssdk.services.ec2.model.Image> images) {
    StringBuilder items = new StringBuilder();
    for (var i : images) {
      items.append("<item><imageId>").append(i.imageId()).append("</imageId><imageLocation>").append(i.imageLocation())
          .append("</imageLocation><imageState>available</imageState><imageOwnerId>").append(i.ownerId())
          .append("</imageOwnerId><creationDate>").append(i.creationDate()).append("</creationDate><isPublic>false</isPublic>")
          .append("<architecture>").append(i.architectureAsString()).append("</architecture><imageType>machine</imageType>")
          .append("<name>").append(i.name()).append("</name><rootDeviceType>ebs</rootDeviceType>")
          .append("<rootDeviceName>/dev/sda1</rootDeviceName><virtualizationType>hvm</virtualizationType><hypervisor>xen</hypervisor></item>");
    }
    wiremock.stubFor(post(urlEqualTo("/")).atPriority(2)
        .withRequestBody(containing("Action=DescribeImages&"))
        .withRequestBody(containing("ExecutableBy.1=self"))
        .withHeader("Authorization", containing("Credential=" + accessKeyId + "/"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(
            "<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-4</requestId><imagesSet>"
                + items + "</imagesSet></DescribeImagesResponse>")));
  }

  /** The calls of one EC2 action that reached the proxy. */
  public List<LoggedRequest> calls(String action) {
    return wiremock.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")));
  }

  /** The calls of one EC2 action that were meant to act, not DryRuns. */
  public List<LoggedRequest> realCalls(String action) {
    return calls(action).stream().filter(r -> !r.getBodyAsString().contains("DryRun=true")).toList();
  }

  /** An answer as EC2 gives it when it refuses. */
  public static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>req-1</RequestID></Response>"""
        .formatted(code, message));
  }

  @Override
  public void close() {
    wiremock.stop();
  }
}
