package amicatalog.copy;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Ec2Proxy;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What EC2 refuses, as the pages show it. moto answers every DryRun with DryRunOperation, so
 * refusals come from WireMock: it answers chosen calls with EC2's error XML (regions told apart by
 * the SigV4 credential scope) and passes everything else through to moto.
 */
@OnBothStores
class RefusalsTest {
  static Ec2Proxy proxy;
  @TempDir static Path dir;
  static MotoServer moto;
  static AwsAccess aws;
  static TestApp app;
  FormSession visitor = new FormSession(app);

  @BeforeAll
  static void start() {
    moto = MotoServer.get();
    proxy = new Ec2Proxy(moto);
    aws = new AwsAccess(proxy.endpoint());
    app = TestApp.start(dir, aws, false, null, null);
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

  static void failing(String action, boolean dryRun, String region, int status, String code, String message) {
    proxy.failing(action, dryRun, region, status, code, message);
  }

  /** An image of our own in us-east-1, synced into the catalog. */
  String ownImage(String name) {
    String id = Aws.createOwnImage(Aws.ec2(moto.endpoint(), "us-east-1"), name);
    try (AwsAccess direct = new AwsAccess(moto.endpoint())) {
      app.sync(direct, List.of("us-east-1"), EnumSet.of(Scope.SELF));
    }
    return id;
  }

  static List<String> statuses() {
    return app.db.read(h -> h.createQuery("SELECT status FROM actions ORDER BY id").mapTo(String.class).list());
  }

  Document check(String imageId, List<String> regions) {
    Document form = visitor.page("/images/us-east-1/" + imageId + "/copy");
    FormElement copy = (FormElement) form.selectFirst("form.copy-form");
    Map<String, List<String>> fields = FormSession.fields(copy);
    fields.put("region", regions);
    HttpResponse<String> response = visitor.submit(copy, fields);
    assertThat(response.statusCode()).isEqualTo(200);
    return FormSession.parse(response);
  }

  @Test
  void aDryRunFailureIsShownAsAReadableMessageAndOnlyTheRegionsThatPassedCanBeConfirmed() {
    String image = ownImage("probe-20250101");
    failing("CopyImage", true, "eu-west-1", 403, "UnauthorizedOperation",
        "You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ec2:CopyImage");

    Document confirm = check(image, List.of("eu-west-1", "ap-southeast-6"));

    Element refused = confirm.selectFirst("#dry-runs tr[data-region=eu-west-1]");
    assertThat(refused.selectFirst(".badge").text()).isEqualTo("refused");
    assertThat(refused.select("td").get(2).text())
        .startsWith("The catalog's AWS identity may not copy the image to eu-west-1: it needs ec2:CopyImage")
        .contains("EC2 said: UnauthorizedOperation: You are not authorized to perform this operation.")
        .doesNotContain("Exception").doesNotContain("at software.amazon");
    assertThat(confirm.selectFirst("#dry-runs tr[data-region=ap-southeast-6] .badge").text()).isEqualTo("would copy");
    FormElement confirmation = (FormElement) confirm.selectFirst("#confirm-form");
    assertThat(FormSession.fields(confirmation).get("region")).containsExactly("ap-southeast-6");
    assertThat(confirmation.selectFirst("button").text()).isEqualTo("Copy to 1 region");
    assertThat(proxy.realCalls("CopyImage")).as("no real copy before confirming").isEmpty();
  }

  @Test
  void whenEveryDryRunFailsThereIsNothingToConfirm() {
    String image = ownImage("probe-20250202");
    failing("CopyImage", true, "eu-west-1", 400, "InvalidAMIID.NotFound", "The image id '[" + image + "]' does not exist");

    Document confirm = check(image, List.of("eu-west-1"));

    assertThat(confirm.selectFirst("#dry-runs td:nth-child(3)").text())
        .contains("The source image no longer exists or is not available to this account.");
    assertThat(confirm.select("#confirm-form")).isEmpty();
    assertThat(confirm.selectFirst("#nothing-to-copy").text()).contains("No region passed its dry run");
  }

  @Test
  void aCopyEc2RefusesAfterTheConfirmationIsLoggedAsFailedWithTheReason() {
    String image = ownImage("probe-20250303");
    failing("CopyImage", false, "ap-southeast-6", 400, "ResourceLimitExceeded", "You have reached your quota of concurrent copies.");

    FormElement confirmation = (FormElement) check(image, List.of("ap-southeast-6")).selectFirst("#confirm-form");
    HttpResponse<String> started = visitor.submit(confirmation);

    assertThat(started.statusCode()).isEqualTo(303);
    Element row = visitor.page(started.headers().firstValue("Location").orElseThrow()).selectFirst("tr.mine");
    assertThat(row.attr("data-status")).isEqualTo("failed");
    assertThat(row.selectFirst(".note").text()).contains("limit on images or concurrent copies in ap-southeast-6")
        .contains("EC2 said: ResourceLimitExceeded");
    // Resubmitting a failed confirmation asks EC2 again (same ClientToken), and this time it works.
    proxy.passEverythingToMoto();
    visitor.submit(confirmation);
    // moto makes the copy at once, and the check right after a confirmation asks EC2 how it went.
    assertThat(statuses()).containsExactly("available");
  }

  @Test
  void aCreateImageDryRunFailureIsShownOnTheForm() {
    var west = Aws.ec2(moto.endpoint(), "eu-west-1");
    String base = west.describeImages(b -> b.owners("amazon")).images().stream()
        .filter(i -> "ebs".equals(i.rootDeviceTypeAsString())).map(software.amazon.awssdk.services.ec2.model.Image::imageId)
        .sorted().findFirst().orElseThrow();
    String instance = west.runInstances(b -> b.imageId(base).instanceType("t3.micro").minCount(1).maxCount(1))
        .instances().get(0).instanceId();
    failing("CreateImage", true, "eu-west-1", 400, "InvalidAMIName.Duplicate", "AMI name web-1 is already in use by AMI ami-1.");

    Document form = visitor.page("/audit/instances/eu-west-1/" + instance + "/image");
    HttpResponse<String> response = visitor.submit((FormElement) form.selectFirst("form.create-image"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(FormSession.parse(response).selectFirst("#dry-run-failed").text())
        .contains("This account already has an image with this name in eu-west-1.")
        .contains("EC2 said: InvalidAMIName.Duplicate");
    assertThat(statuses()).isEmpty();
  }

  @Test
  void aReadOnlyCatalogRefusesToCopy(@TempDir Path other) {
    try (TestApp readOnly = TestApp.start(other, aws, true, null, null)) {
      FormSession s = new FormSession(readOnly);
      String fedora = readOnly.db.read(h -> h.createQuery("""
              SELECT image_id FROM images i WHERE region = 'us-east-1' AND owner_id = '125523088429'
                AND NOT EXISTS (SELECT 1 FROM images j WHERE j.name = i.name AND j.region = 'ap-southeast-6')
              ORDER BY creation_date DESC LIMIT 1""").mapTo(String.class).one());
      Document form = s.page("/images/us-east-1/" + fedora + "/copy");
      assertThat(form.selectFirst("#copy-off").text()).contains("--read-only");
      Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form.copy-form"));
      fields.put("region", List.of("ap-southeast-6"));
      HttpResponse<String> refused = s.post("/images/us-east-1/" + fedora + "/copy", fields);
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(FormSession.parse(refused).selectFirst("main").text()).contains("--read-only").contains("Nothing was copied");
      fields.put("nonce", List.of("0123456789abcdef0123456789abcdef"));
      assertThat(s.post("/images/us-east-1/" + fedora + "/copy/confirm", fields).statusCode()).isEqualTo(409);
      assertThat(proxy.calls("CopyImage")).isEmpty();
    }
  }
}
