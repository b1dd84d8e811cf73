package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.common.Json;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import amicatalog.testing.Ec2Xml;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API's one shape of an image, held in search results, detail and compare alike: images
 * synced by the real SDK from EC2's XML (WireMock) with every rare field, one of them deregistered
 * since, beside the imported demo images. See the README's "Pages and API".
 */
@OnBothStores
class ApiShapeTest {
  static final String REGION = "sa-east-1";
  static final String A = "ami-0edge00000000000a", B = "ami-0edge00000000000b", GONE = "ami-0edge00000000000c";
  static final List<String> CATALOG_KEYS = List.of("region", "category", "scopes", "platform", "firstSeen", "lastChanged",
      "removedAt", "lastSeen", "timesAsGiven", "url", "apiUrl");
  static final Set<String> BOOLEANS = Set.of("EnaSupport", "ImageAllowed", "FreeTierEligible", "Public");
  static final Set<String> LISTS = Set.of("BlockDeviceMappings", "ProductCodes", "Tags", "ImageWatermarks");
  static final Set<String> TIMES = Set.of("CreationDate", "DeprecationTime", "LastLaunchedTime");
  static final Pattern AWS_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  static Ec2Xml ec2;
  static AwsAccess aws;
  static TestApp app;

  @BeforeAll
  static void start() throws IOException {
    ec2 = new Ec2Xml();
    String answer = Ec2Xml.resource("/fixtures/describe-images-edge.xml");
    ec2.describeImages(REGION, answer);
    aws = new AwsAccess(ec2.endpoint());
    app = TestApp.start(Files.createTempDirectory("api-shape-"), aws, true, null, null);
    assertThat(app.sync(aws, List.of(REGION), EnumSet.of(Scope.AMAZON)).status()).isEqualTo("ok");
    ec2.describeImages(REGION, Ec2Xml.without(answer, GONE));
    assertThat(app.sync(aws, List.of(REGION), EnumSet.of(Scope.AMAZON)).status()).isEqualTo("ok");
  }

  @AfterAll
  static void stop() {
    app.close();
    aws.close();
    ec2.close();
  }

  @Test
  void searchDetailAndCompareGiveTheSameObjectForAnImage() {
    JsonNode rows = json("/api/images?region=" + REGION).path("images");
    assertThat(rows).hasSize(2);
    JsonNode compared = json("/api/compare?id=" + enc(REGION + "/" + A) + "&id=" + enc(REGION + "/" + B)
        + "&id=" + enc(REGION + "/" + GONE)).path("images");
    assertThat(compared).hasSize(3);
    List<JsonNode> all = new ArrayList<>();
    rows.forEach(all::add);
    all.add(compared.get(2));
    for (JsonNode row : all) {
      String id = row.path("image").path("ImageId").asText();
      JsonNode detail = json(row.path("catalog").path("apiUrl").asText());
      assertThat(detail.path("catalog").path("url").asText()).isEqualTo("/images/" + REGION + "/" + id);
      JsonNode inCompare = java.util.stream.StreamSupport.stream(compared.spliterator(), false)
          .filter(c -> c.path("image").path("ImageId").asText().equals(id)).findFirst().orElseThrow();
      assertThat(inCompare).as(id).isEqualTo(row);
      assertThat(image(detail)).as(id).isEqualTo(row);
      assertShape(row);
    }
    assertThat(java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(r -> r.path("image").path("ImageId").asText()))
        .containsExactly(B, A);  // newest first
  }

  @Test
  void everyImageOfASearchHasTheShape() {
    for (String search : List.of("/api/images?q=ecs", "/api/images?q=fedora&sort=oldest", "/api/images?region=" + REGION,
        "/api/images?platform=windows")) {
      JsonNode images = json(search).path("images");
      assertThat(images).as(search).isNotEmpty();
      images.forEach(ApiShapeTest::assertShape);
    }
  }

  @Test
  void nestedValuesAreJsonNotTextAndTimesAreIso() {
    JsonNode a = json("/api/images/" + REGION + "/" + A);
    JsonNode devices = a.path("image").path("BlockDeviceMappings");
    assertThat(devices).hasSize(3);
    assertThat(devices.get(0).path("Ebs").path("VolumeSize").isInt()).isTrue();
    assertThat(devices.get(0).path("Ebs").path("Encrypted").isBoolean()).isTrue();
    assertThat(devices.get(2).path("NoDevice").asText(null)).isEmpty();
    // Tags in key order; a value that looks like JSON stays the text it is.
    assertThat(a.path("image").path("Tags").toString()).isEqualTo("[{\"Key\":\"Name\",\"Value\":\"{\\\"not\\\": \\\"json for us\\\"}\"},"
        + "{\"Key\":\"empty\",\"Value\":\"\"},{\"Key\":\"team\",\"Value\":\"web\"}]");
    assertThat(a.path("image").path("LastLaunchedTime").asText()).isEqualTo("2025-06-01T08:30:00.250Z");
    JsonNode gone = json("/api/images/" + REGION + "/" + GONE);
    assertThat(gone.path("image").path("StateReason").toString())
        .isEqualTo("{\"Code\":\"Client.InvalidSnapshot.NotFound\",\"Message\":\"Snapshot snap-0gone: not found\"}");
    assertThat(gone.path("image").path("ProductCodes").get(0).path("ProductCodeType").asText()).isEqualTo("marketplace");
    assertThat(gone.path("history").get(0).path("kind").asText()).isEqualTo("removed");
    assertThat(gone.path("history").get(0).path("detail").isNull()).isTrue();
  }

  @Test
  void removedAtIsNullForALiveImageAndATimeForAGoneOneEverywhere() {
    String compare = "/api/compare?id=" + enc(REGION + "/" + A) + "&id=" + enc(REGION + "/" + GONE);
    JsonNode compared = json(compare).path("images");
    assertThat(compared.get(0).path("catalog").path("removedAt").isNull()).isTrue();
    assertThat(json("/api/images/" + REGION + "/" + A).path("catalog").path("removedAt").isNull()).isTrue();
    assertThat(json("/api/images?region=" + REGION).path("images").get(0).path("catalog").path("removedAt").isNull()).isTrue();
    JsonNode gone = json("/api/images/" + REGION + "/" + GONE).path("catalog");
    assertThat(Instant.parse(gone.path("removedAt").asText())).isBefore(Instant.now());
    assertThat(compared.get(1).path("catalog").path("removedAt")).isEqualTo(gone.path("removedAt"));
    assertThat(gone.path("lastSeen").isTextual()).isTrue();
  }

  /** The documented shape: {image: EC2's fields, catalog: ours}, nested values as JSON, times ISO, null for none. */
  static void assertShape(JsonNode n) {
    String id = n.path("image").path("ImageId").asText();
    assertThat(names(n)).as(id).containsExactly("image", "catalog");
    JsonNode image = n.path("image");
    List<String> keys = names(image);
    assertThat(keys.subList(0, ImageRecord.EC2_FIELDS.size())).as(id).isEqualTo(ImageRecord.EC2_FIELDS);
    // Fields EC2 has that the catalog has no column for follow, as EC2 gave them.
    assertThat(keys.subList(ImageRecord.EC2_FIELDS.size(), keys.size())).as(id)
        .allSatisfy(k -> assertThat(k).matches("[A-Z][A-Za-z0-9]*").isNotIn(ImageRecord.EC2_FIELDS));
    for (String k : ImageRecord.EC2_FIELDS) {
      JsonNode v = image.path(k);
      if (v.isNull()) continue;
      if (BOOLEANS.contains(k)) assertThat(v.isBoolean()).as(id + " " + k).isTrue();
      else if (LISTS.contains(k)) assertThat(v.isArray() && !v.isEmpty()).as(id + " " + k).isTrue();
      else if (k.equals("StateReason")) assertThat(names(v)).as(id + " " + k).containsExactly("Code", "Message");
      else assertThat(v.isTextual()).as(id + " " + k).isTrue();
      if (TIMES.contains(k)) assertThat(v.asText()).as(id + " " + k).matches(AWS_TIME);
      // No JSON in a string: only people's own text (names, descriptions, tag values) may look like it.
      if (v.isTextual() && !Set.of("Name", "Description").contains(k)) {
        assertThat(v.asText()).as(id + " " + k).doesNotStartWith("{").doesNotStartWith("[");
      }
    }
    if (!image.path("Tags").isNull()) {
      image.path("Tags").forEach(t -> assertThat(names(t)).as(id + " tag").containsExactly("Key", "Value"));
    }
    JsonNode catalog = n.path("catalog");
    assertThat(names(catalog)).as(id).isEqualTo(CATALOG_KEYS);
    for (String k : List.of("firstSeen", "lastChanged", "removedAt", "lastSeen")) {
      JsonNode v = catalog.path(k);
      assertThat(v.isNull() || v.isTextual() && Instant.parse(v.asText()) != null).as(id + " " + k).isTrue();
    }
    assertThat(catalog.path("firstSeen").isTextual()).isTrue();
    assertThat(catalog.path("scopes").isArray()).isTrue();
    assertThat(catalog.path("platform").asText()).isIn("windows", "macos", "linux");
    assertThat(catalog.path("timesAsGiven").isNull() || catalog.path("timesAsGiven").isObject()).isTrue();
  }

  private static JsonNode image(JsonNode detail) {
    JsonNode copy = detail.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("copies", "history"));
    return copy;
  }

  private static List<String> names(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static JsonNode json(String path) {
    HttpResponse<String> r = app.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return Json.read(r.body());
  }
}
