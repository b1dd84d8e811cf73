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
