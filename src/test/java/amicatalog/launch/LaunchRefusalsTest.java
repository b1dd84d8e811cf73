package amicatalog.launch;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Ec2Proxy;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * What EC2 refuses, and how it reaches the user: WireMock stands in front of moto, passes every
 * call through, and answers the few that a test makes fail the way AWS fails them. Its request log
 * also shows which calls were (not) made.
 */
@OnBothStores
class LaunchRefusalsTest {
  static final String REGION = "us-east-1";
  static final String MARKETPLACE_IMAGE = "ami-0feedface0000001";
  static final String MARKETPLACE = """
      {"Images": [{"ImageId": "ami-0feedface0000001", "Name": "vendor-appliance-1.0", "OwnerId": "679593333241",
        "ImageOwnerAlias": "aws-marketplace", "Architecture": "x86_64", "RootDeviceType": "ebs", "VirtualizationType": "hvm",
        "EnaSupport": true, "State": "available", "Public": true, "CreationDate": "2026-01-01T00:00:00.000Z",
        "DeprecationTime": "2026-02-01T00:00:00.000Z",
        "ProductCodes": [{"ProductCodeId": "prodcode123", "ProductCodeType": "marketplace"}]}]}""";

  static Ec2Proxy proxy;
  @TempDir static Path dir;
  static MotoServer moto;
  static AwsAccess aws;
  static TestApp app;
  static Ec2Client ec2;
  static String imageId;

  FormSession browser = new FormSession(app);

  @BeforeAll
  static void start() {
    moto = MotoServer.get();
    moto.reset();
    proxy = new Ec2Proxy(moto);
    aws = new AwsAccess(proxy.endpoint());
    app = TestApp.start(dir, aws, false, REGION, MARKETPLACE);
    try (AwsAccess direct = new AwsAccess(moto.endpoint())) {
      app.sync(direct, List.of(REGION), EnumSet.of(Scope.AMAZON));
    }
    ec2 = Aws.ec2(moto.endpoint(), REGION);
    imageId = LaunchMotoTest.x86EbsLinuxImage(ec2);
  }

  @AfterAll
  static void stop() {
    app.close();
    aws.close();
    proxy.close();
  }

  @BeforeEach
  void freshMotoBehindAPassThroughProxy() {
    moto.reset();
    proxy.reset();
  }

  static void failing(String action, boolean dryRun, int status, String code, String message) {
    proxy.failing(action, dryRun, null, status, code, message);
  }

  static List<LoggedRequest> runInstancesCalls() {
    return proxy.calls("RunInstances");
  }

  HttpResponse<String> check(String image, Map<String, String> changes) {
    Document form = browser.page("/images/" + REGION + "/" + image + "/launch");
    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form#launch-form"));
    changes.forEach((k, v) -> fields.put(k, List.of(v)));
    return browser.submit((FormElement) form.selectFirst("form#launch-form"), fields);
  }

  @Test
  void anIncompatibleTypeIsRefusedWithoutAnyRunInstancesCall() {
    HttpResponse<String> response = check(imageId, Map.of("instanceType", "m6g.large"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(browser.parse(response).select("#problems li").eachText())
        .containsExactly("m6g.large runs arm64 images; this image is x86_64.");
    assertThat(runInstancesCalls()).isEmpty();
  }

  @Test
  void aMarketplaceImageIsFlaggedUpFrontAndAnOptInRequiredDryRunIsExplained() {
    failing("RunInstances", true, 401, "OptInRequired",
        "In order to use this AWS Marketplace product you need to accept terms and subscribe.");

    Document form = browser.page("/images/" + REGION + "/" + MARKETPLACE_IMAGE + "/launch");
    assertThat(form.select(".readiness").eachText()).anySatisfy(w -> assertThat(w).contains("AWS Marketplace image (product prodcode123)"))
        .anySatisfy(w -> assertThat(w).startsWith("This image is deprecated since 2026-02-01"));
    assertThat(form.select(".readiness a").eachAttr("href")).contains("https://aws.amazon.com/marketplace/search/results?searchTerms=prodcode123");

    HttpResponse<String> response = check(MARKETPLACE_IMAGE, Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    Document d = browser.parse(response);
    assertThat(d.selectFirst("#verdict").hasClass("failed")).isTrue();
    assertThat(d.selectFirst("#verdict h2").text()).isEqualTo("EC2 refused this launch: nothing was started");
    // EC2 answers OptInRequired with HTTP 401, whose body the SDK's URL-connection client never gets to read.
    assertThat(d.selectFirst("#verdict p").text()).startsWith("EC2 answered 401 Unauthorized.")
        .contains("this is OptInRequired: the account is not subscribed to the product");
    assertThat(d.selectFirst("#verdict a").attr("href")).endsWith("searchTerms=prodcode123");
    assertThat(d.selectFirst("form#launch-form")).isNotNull();
    assertThat(runInstancesCalls()).hasSize(1).allSatisfy(r -> assertThat(r.getBodyAsString()).contains("DryRun=true"));
    assertThat(browser.page("/launches").selectFirst("#launch-log tbody tr").hasClass("dry-run-failed")).isTrue();
  }

  @Test
  void anOptInRequiredAnswerWithItsCodeIsExplainedToo() {
    failing("RunInstances", true, 400, "OptInRequired", "In order to use this AWS Marketplace product you need to subscribe.");

    Document d = browser.parse(check(MARKETPLACE_IMAGE, Map.of()));

    assertThat(d.selectFirst("#verdict p").text()).startsWith("The account is not subscribed to this AWS Marketplace product.")
        .contains("EC2 said: OptInRequired: In order to use this AWS Marketplace product you need to subscribe.");
    assertThat(d.selectFirst("#verdict a").attr("href")).endsWith("searchTerms=prodcode123");
  }

  @Test
  void anUnauthorizedDryRunSaysWhichPermissionIsMissing() {
    failing("RunInstances", true, 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

    Document d = browser.parse(check(imageId, Map.of()));

    assertThat(d.selectFirst("#verdict p").text()).contains("not allowed").contains("ec2:RunInstances")
        .contains("EC2 said: UnauthorizedOperation: You are not authorized to perform this operation.");
  }

  @Test
  void aLaunchEc2RefusesIsShownOnTheFormAndTheSameConfirmationRetriesWithTheSameToken() {
    HttpResponse<String> checked = check(imageId, Map.of("name", "retry-me"));
    Document confirm = browser.parse(checked);
    FormElement form = (FormElement) confirm.selectFirst("form#confirm-form");
    failing("RunInstances", false, 500, "InsufficientInstanceCapacity",
        "We currently do not have sufficient t3.micro capacity in the Availability Zone you requested.");

    HttpResponse<String> refused = browser.submit(form, FormSession.fields(form));

    assertThat(refused.statusCode()).isEqualTo(200);
    Document d = browser.parse(refused);
    assertThat(d.selectFirst("#verdict p").text()).startsWith("EC2 cannot start this instance type in this availability zone right now.")
        .contains("InsufficientInstanceCapacity");
    assertThat(d.selectFirst("input#name").val()).isEqualTo("retry-me");
    assertThat(ec2.describeInstances().reservations()).isEmpty();
    String logUrl = d.selectFirst("#verdict a[href^=/launches/]").attr("href");
    assertThat(browser.page(logUrl).selectFirst("#launch-status").text()).isEqualTo("failed");

    proxy.passEverythingToMoto();
    HttpResponse<String> retried = browser.submit(form, FormSession.fields(form));

    assertThat(retried.statusCode()).isEqualTo(303);
    assertThat(retried.headers().firstValue("Location")).hasValue(logUrl);
    assertThat(ec2.describeInstances().reservations()).hasSize(1);
    assertThat(browser.page(logUrl).selectFirst("#launch-status").text()).isEqualTo("started");
    // The refused launch (which the SDK itself retried, as EC2 sent a 5xx) and the retried confirmation: one token.
    List<String> tokens = runInstancesCalls().stream().filter(r -> !r.getBodyAsString().contains("DryRun=true"))
        .map(LaunchRefusalsTest::clientToken).toList();
    assertThat(tokens).hasSizeGreaterThanOrEqualTo(2).allMatch(t -> t.equals(tokens.get(0)));
    assertThat(tokens.get(0)).matches("[0-9a-f]{64}");
  }

  @Test
  void whenEc2CannotBeReadTheFormPageSaysSoInsteadOfFailing() {
    failing("DescribeKeyPairs", false, 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

    HttpResponse<String> response = browser.get("/images/" + REGION + "/" + imageId + "/launch");

    assertThat(response.statusCode()).isEqualTo(502);
    Document d = browser.parse(response);
    assertThat(d.selectFirst("#launch-error").text()).contains("EC2 could not be read").contains("UnauthorizedOperation");
    assertThat(d.selectFirst("form#launch-form")).isNull();
  }

  static String clientToken(LoggedRequest request) {
    Matcher m = Pattern.compile("ClientToken=([^&]+)").matcher(request.getBodyAsString());
    return m.find() ? m.group(1) : null;
  }
}
