package amicatalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * organizations:ListAccounts, signed with the SDK's own SigV4 signer and sent through its HTTP
 * client: the SDK's Organizations module is not among the artifacts this project's build can
 * fetch, and one JSON call of one operation is all the catalog needs of it.
 */
public final class OrganizationAccounts {
  private static final URI GLOBAL = URI.create("https://organizations.us-east-1.amazonaws.com/");
  private static final ObjectMapper JSON = new ObjectMapper();

  private OrganizationAccounts() {}

  /** A member account: its id, name, status (ACTIVE, SUSPENDED, PENDING_CLOSURE) and Organization (o-…, from its ARN). */
  public record Member(String id, String name, String status, String organizationId) {}

  static List<Member> list(SdkHttpClient http, AwsCredentialsProvider credentials, URI endpoint, Duration timeout,
      LongAdder calls) {
    List<Member> members = new ArrayList<>();
    String token = null;
    do {
      var body = JSON.createObjectNode();
      if (token != null) body.put("NextToken", token);
      JsonNode page = call(http, credentials, endpoint == null ? GLOBAL : endpoint, body.toString(), calls);
      for (JsonNode a : page.path("Accounts")) {
        String status = a.hasNonNull("State") ? a.path("State").asText() : a.path("Status").asText();
        members.add(new Member(a.path("Id").asText(), a.path("Name").asText(null), status, organizationOf(a.path("Arn").asText(""))));
      }
      token = page.hasNonNull("NextToken") ? page.path("NextToken").asText() : null;
    } while (token != null && !token.isEmpty());
    return members;
  }

  /** arn:aws:organizations::111111111111:account/o-exampleorgid/222222222222 → o-exampleorgid. */
  static String organizationOf(String accountArn) {
    var m = java.util.regex.Pattern.compile(":account/(o-[a-z0-9]+)/").matcher(accountArn);
    return m.find() ? m.group(1) : null;
  }

  private static JsonNode call(SdkHttpClient http, AwsCredentialsProvider credentials, URI uri, String json, LongAdder calls) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")
        .build();
    var signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
        .request(request).payload(ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    calls.increment();
    try {
      HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
          .contentStreamProvider(signed.payload().orElse(null)).build()).call();
      JsonNode answer;
      try (InputStream in = response.responseBody().orElse(null)) {
        answer = in == null ? JSON.createObjectNode() : JSON.readTree(in);
      }
      int status = response.httpResponse().statusCode();
      if (status >= 300) {
        String type = answer.path("__type").asText("HTTP " + status);
        String code = type.contains("#") ? type.substring(type.indexOf('#') + 1) : type;
        String message = answer.hasNonNull("Message") ? answer.path("Message").asText() : answer.path("message").asText("no message");
        throw AwsServiceException.builder().statusCode(status).message(message)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Organizations").build())
            .build();
      }
      return answer;
    } catch (IOException e) {
      throw SdkClientException.create("Organizations could not be reached: " + e.getMessage(), e);
    }
  }
}
