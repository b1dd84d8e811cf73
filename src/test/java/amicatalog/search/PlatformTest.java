package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.common.Json;
import amicatalog.image.Platforms;
import amicatalog.image.Scope;
import amicatalog.image.StoredImage;
import amicatalog.testing.Aws;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * One platform value per image, one facet value per platform, and a CSV that says which column is
 * which: over images synced from moto (EC2's Platform only, no PlatformDetails) and imported demo
 * images (both fields, "windows" and "Windows").
 */
@OnBothStores
class PlatformTest {
  static final String MOTO_REGION = "us-west-2";

  static AwsAccess aws;
  static TestApp app;
  static List<Image> fromMoto;

  @BeforeAll
  static void start() throws IOException {
    MotoServer moto = MotoServer.get();
    moto.reset();
    aws = new AwsAccess(moto.endpoint());
    app = TestApp.start(Files.createTempDirectory("platform-"), aws, true, null, null);
    assertThat(app.sync(aws, List.of(MOTO_REGION), EnumSet.of(Scope.AMAZON)).status()).isEqualTo("ok");
    fromMoto = Aws.ec2(moto.endpoint(), MOTO_REGION).describeImages(b -> b.owners("amazon").includeDeprecated(true)).images();
  }

  @AfterAll
  static void stop() {
    app.close();
    aws.close();
  }

  @Test
  void theFacetHasOneValuePerPlatformAndItsCountsFollowTheRule() {
    Map<String, Integer> facet = new TreeMap<>();
    json("/api/images").path("facets").path("platform").forEach(v -> facet.put(v.path("value").asText(), v.path("count").asInt()));
    // The rule in Java, over every live image, gives the counts the facet's SQL gives.
    Map<String, Integer> byRule = new TreeMap<>();
    for (StoredImage s : app.db.read(h -> h.createQuery("SELECT * FROM images WHERE removed_at IS NULL").mapTo(StoredImage.class).list())) {
      byRule.merge(Platforms.of(s.image()), 1, Integer::sum);
    }
    assertThat(facet).isEqualTo(byRule).containsOnlyKeys("windows", "linux");
    // Before: "windows" (EC2's Platform) and "Windows" (PlatformDetails) were two values, moto's Linux/UNIX a third.
    long motoWindows = fromMoto.stream().filter(i -> "windows".equals(i.platformAsString())).count();
    assertThat(motoWindows).isPositive();
    assertThat(json("/api/images?region=" + MOTO_REGION + "&platform=windows").path("total").asLong()).isEqualTo(motoWindows);
    assertThat(json("/api/images?region=eu-west-1&platform=windows").path("total").asLong()).isEqualTo(app.db.read(h -> h.createQuery(
        "SELECT count(*) FROM images WHERE region = 'eu-west-1' AND platform_details = 'Windows'").mapTo(Long.class).one()));
  }

  @Test
  void theCsvSaysWhatEachColumnIsAndGivesOnePlatform() {
    String[] lines = app.get("/api/images.csv?region=" + MOTO_REGION + "&region=eu-west-1").body().split("\r\n");
    assertThat(lines[0]).isEqualTo("region,image_id,name,description,owner_id,owner_alias,architecture,platform,platform_details,"
        + "virtualization_type,root_device_type,boot_mode,ena_support,state,creation_date,deprecation_time,category,"
        + "image_type,hypervisor,root_device_name,image_location,usage_operation,tpm_support,imds_support,source_image_id,"
        + "last_launched_time,public,tags,accounts");
    Set<String> motoWindows = fromMoto.stream().filter(i -> "windows".equals(i.platformAsString())).map(Image::imageId)
        .collect(Collectors.toSet());
    Map<String, String> platformOf = new HashMap<>(), detailsOf = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
      assertThat(cells).as(lines[i]).hasSize(29);
      platformOf.put(cells[0] + "/" + cells[1], cells[7]);
      detailsOf.put(cells[0] + "/" + cells[1], cells[8]);
    }
    assertThat(platformOf).hasSize(lines.length - 1);
    for (Image image : fromMoto) {
      String key = MOTO_REGION + "/" + image.imageId();
      assertThat(platformOf.get(key)).as(key).isEqualTo(motoWindows.contains(image.imageId()) ? "windows" : "linux");
      assertThat(detailsOf.get(key)).as(key).isEmpty();  // moto gives no PlatformDetails
    }
    assertThat(platformOf.entrySet()).filteredOn(e -> e.getKey().startsWith("eu-west-1/"))
        .allSatisfy(e -> assertThat(e.getValue()).isEqualTo(detailsOf.get(e.getKey()).equals("Windows") ? "windows" : "linux"));
  }

  @Test
  void theApiGivesTheValueBesideEc2sOwnFields() {
    JsonNode windows = json("/api/images?region=eu-west-1&platform=windows").path("images").get(0);
    assertThat(windows.path("catalog").path("platform").asText()).isEqualTo("windows");
    assertThat(windows.path("image").path("Platform").asText()).isEqualTo("windows");
    assertThat(windows.path("image").path("PlatformDetails").asText()).isEqualTo("Windows");
    JsonNode linux = json("/api/images?region=" + MOTO_REGION + "&platform=linux").path("images").get(0);
    assertThat(linux.path("catalog").path("platform").asText()).isEqualTo("linux");
  }

  @Test
  void theRuleReadsBothFieldsAndTheMacArchitectures() {
    assertThat(Platforms.of("windows", null, "x86_64")).isEqualTo("windows");
    assertThat(Platforms.of(null, "Windows with SQL Server Standard", "x86_64")).isEqualTo("windows");
    assertThat(Platforms.of("Linux/UNIX", null, "x86_64")).isEqualTo("linux");
    assertThat(Platforms.of(null, "Red Hat Enterprise Linux", "arm64")).isEqualTo("linux");
    assertThat(Platforms.of(null, "Linux/UNIX", "arm64_mac")).isEqualTo("macos");
    assertThat(Platforms.of(null, null, null)).isEqualTo("linux");
  }

  private static JsonNode json(String path) {
    var r = app.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return Json.read(r.body());
  }
}
