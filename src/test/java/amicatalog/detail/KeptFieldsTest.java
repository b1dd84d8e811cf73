package amicatalog.detail;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.common.Json;
import amicatalog.image.Scope;
import amicatalog.testing.Ec2Xml;
import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fields earlier builds dropped (ImageAllowed, PublicSsmParameterName, ImageWatermarks, and
 * ScanResults, which has no column) and an empty Description are kept and shown, whether they come
 * from EC2 (its XML, read by the real SDK from WireMock) or from a describe-images file of the same
 * images; the Allowed AMIs verdict is a launch readiness warning.
 */
@OnBothStores
class KeptFieldsTest {
  static final String SYNCED = "sa-east-1", IMPORTED = "me-south-1";
  static final String LINUX = "ami-0edge00000000000a", WINDOWS = "ami-0edge00000000000b", FAILED = "ami-0edge00000000000c";

  static Ec2Xml ec2;
  static AwsAccess aws;
  static TestApp app;
  static FormSession browser;

  @BeforeAll
  static void start() throws IOException {
    ec2 = new Ec2Xml();
    ec2.describeImages(SYNCED, Ec2Xml.resource("/fixtures/describe-images-edge.xml"));
    aws = new AwsAccess(ec2.endpoint());
    app = TestApp.start(Files.createTempDirectory("kept-fields-"), aws, true, IMPORTED,
        Ec2Xml.resource("/fixtures/describe-images-edge.json"));
    assertThat(app.sync(aws, List.of(SYNCED), EnumSet.of(Scope.AMAZON)).status()).isEqualTo("ok");
    browser = new FormSession(app);
  }

  @AfterAll
  static void stop() {
    app.close();
    aws.close();
    ec2.close();
  }

  @Test
  void eachFieldIsStoredAndServedTheSameFromEc2AndFromAFile() {
    for (String id : List.of(LINUX, WINDOWS, FAILED)) {
      assertThat(image(SYNCED, id)).as(id).isEqualTo(image(IMPORTED, id));
    }
    JsonNode linux = image(SYNCED, LINUX);
    assertThat(linux.path("ImageAllowed").booleanValue()).isFalse();
    assertThat(linux.path("Description").isTextual()).isTrue();
    assertThat(linux.path("Description").asText()).isEmpty();
    assertThat(linux.path("ImageWatermarks").get(0).path("WatermarkKey").asText()).isEqualTo("build-pipeline-7");
    assertThat(linux.path("ImageWatermarks").get(0).path("SourceImageCreationTime").asText()).isEqualTo("2025-01-14T09:00:00.000Z");
    assertThat(linux.path("ScanResults").path("HighestFindingSeverityLabel").asText()).isEqualTo("HIGH");
    JsonNode windows = image(SYNCED, WINDOWS);
    assertThat(windows.path("ImageAllowed").booleanValue()).isTrue();
    assertThat(windows.path("PublicSsmParameterName").asText())
        .isEqualTo("/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base");
    assertThat(image(SYNCED, FAILED).path("ImageAllowed").isNull()).isTrue();  // EC2 did not say
  }

  /**
   * Which fields of the SDK's Image model have a column; the rest are kept in other_fields, as the
   * README says. A field a newer SDK adds lands there too, and this test names it.
   */
  @Test
  void everyFieldOfTheSdksImageModelHasAColumnOrIsKeptAsGiven() {
    List<String> sdk = software.amazon.awssdk.services.ec2.model.Image.builder().build().sdkFields().stream()
        .map(f -> f.memberName().equals("PublicLaunchPermissions") ? "Public" : f.memberName()).toList();
    assertThat(sdk).containsAll(amicatalog.image.ImageRecord.EC2_FIELDS);
    assertThat(sdk.stream().filter(f -> !amicatalog.image.ImageRecord.EC2_FIELDS.contains(f)))
        .as("kept in other_fields (README: Pages and API)").containsExactly("ScanResults", "InstanceTypeSpecification");
  }

  @Test
  void theDetailPageShowsThem() {
    Map<String, String> linux = attributes(browser.page("/images/" + SYNCED + "/" + LINUX));
    String verdict = " EC2's Allowed AMIs verdict for the account that synced it, when it last did";
    assertThat(linux).containsEntry("Allowed in this account", "no" + verdict)
        .containsEntry("Watermark", "build-pipeline-7 from ami-0edgesource000001 in us-east-1, made 2025-01-15");
    assertThat(linux.get("ScanResults")).contains("\"HighestFindingSeverityLabel\":\"HIGH\"").endsWith("as EC2 gives it");
    Map<String, String> windows = attributes(browser.page("/images/" + SYNCED + "/" + WINDOWS));
    assertThat(windows).containsEntry("Allowed in this account", "yes" + verdict)
        .containsEntry("Public SSM parameter", "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base")
        .containsEntry("Platform", "windows Windows");
    Document failed = browser.page("/images/" + SYNCED + "/" + FAILED);
    assertThat(failed.select(".notice.warn").eachText())
        .contains("State failed: Client.InvalidSnapshot.NotFound: Snapshot snap-0gone: not found");
    assertThat(attributes(failed)).doesNotContainKey("Allowed in this account");
  }

  @Test
  void anImageTheAccountDoesNotAllowIsALaunchWarning() {
    List<String> notAllowed = browser.page("/images/" + SYNCED + "/" + LINUX + "/launch").select(".notice.readiness").eachText();
    assertThat(notAllowed).anySatisfy(w -> assertThat(w).startsWith("This image is not allowed in this account")
        .contains("ImageAllowed false").contains("Allowed AMIs"));
    List<String> allowed = browser.page("/images/" + SYNCED + "/" + WINDOWS + "/launch").select(".notice.readiness").eachText();
    assertThat(allowed).noneSatisfy(w -> assertThat(w).contains("not allowed"));
  }

  @Test
  void compareShowsThem() {
    Document d = browser.page("/compare?id=" + SYNCED + "%2F" + LINUX + "&id=" + SYNCED + "%2F" + WINDOWS);
    Element row = d.select("table.compare tbody tr").stream()
        .filter(tr -> tr.selectFirst("th") != null && tr.selectFirst("th").text().equals("Allowed in this account"))
        .findFirst().orElseThrow();
    assertThat(row.select("td").eachText()).containsExactly("no", "yes");
  }

  private static JsonNode image(String region, String id) {
    return Json.read(app.get("/api/images/" + region + "/" + id).body()).path("image");
  }

  private static Map<String, String> attributes(Document d) {
    return d.select("table.kv tr").stream().collect(Collectors.toMap(tr -> tr.selectFirst("th").text(),
        tr -> tr.selectFirst("td").text(), (a, b) -> a + " | " + b));
  }
}
