package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Times a describe-images file gives in other shapes than AWS's (an offset, no milliseconds, more
 * digits, no time at all) are stored as UTC instants: sorted as the instants they are, shown in
 * UTC, given back by the API in AWS's shape, their original text kept and shown.
 */
@OnBothStores
class TimesTest {
  static final String OWNER = "444455556666";
  /** Created, in order: t1 10:00:00.000Z (given as 12:00+02:00), t5 10:00:00.001, t3 10:30:00.250, t2 10:30:00.500, t4 11:00. */
  static final String FILE = """
      {"Images": [
        {"ImageId": "ami-0time0000000000001", "Name": "times-1", "OwnerId": "444455556666", "State": "available",
         "CreationDate": "2025-03-01T12:00:00+02:00", "DeprecationTime": "2030-01-01T01:00:00+01:00"},
        {"ImageId": "ami-0time0000000000002", "Name": "times-2", "OwnerId": "444455556666", "State": "available",
         "CreationDate": "2025-03-01T10:30:00.500Z"},
        {"ImageId": "ami-0time0000000000003", "Name": "times-3", "OwnerId": "444455556666", "State": "available",
         "CreationDate": "2025-03-01T10:30:00.250123Z"},
        {"ImageId": "ami-0time0000000000004", "Name": "times-4", "OwnerId": "444455556666", "State": "available",
         "CreationDate": "2025-03-01T11:00:00Z"},
        {"ImageId": "ami-0time0000000000005", "Name": "times-5", "OwnerId": "444455556666", "State": "available",
         "CreationDate": "2025-03-01T10:00:00.001Z"},
        {"ImageId": "ami-0time0000000000006", "Name": "times-6", "OwnerId": "444455556666", "State": "available",
         "CreationDate": "2024-12-31T23:30:00-01:00"},
        {"ImageId": "ami-0time0000000000007", "Name": "times-7", "OwnerId": "444455556666", "State": "available",
         "CreationDate": "the day before yesterday"}
      ]}""";

  static TestApp app;

  @BeforeAll
  static void start() throws IOException {
    app = TestApp.start(Files.createTempDirectory("times-"), "eu-central-1", FILE);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void imagesSortByTheInstantTheirTimesName() {
    // 2024-12-31T23:30-01:00 is 2025-01-01T00:30Z; the one without a time sorts last.
    List<String> newest = List.of("4", "2", "3", "5", "1", "6", "7");
    assertThat(names("/api/images?owner=" + OWNER)).isEqualTo(newest.stream().map(n -> "times-" + n).toList());
    List<String> oldest = new ArrayList<>(newest);
    java.util.Collections.reverse(oldest);
    assertThat(names("/api/images?owner=" + OWNER + "&sort=oldest")).isEqualTo(oldest.stream().map(n -> "times-" + n).toList());
    Document page = Jsoup.parse(app.get("/?owner=" + OWNER).body());
    assertThat(page.select("table.images td.name > a").eachText()).isEqualTo(newest.stream().map(n -> "times-" + n).toList());
    JsonNode years = json("/api/images?owner=" + OWNER).path("facets").path("year");
    assertThat(years.toString()).contains("{\"value\":\"2025\",\"count\":6,");
  }

  @Test
  void theApiGivesUtcInAwsShapeAndTheTextAsGiven() {
    JsonNode one = json("/api/images/eu-central-1/ami-0time0000000000001");
    assertThat(one.path("image").path("CreationDate").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(one.path("image").path("DeprecationTime").asText()).isEqualTo("2030-01-01T00:00:00.000Z");
    assertThat(one.path("catalog").path("timesAsGiven").toString())
        .isEqualTo("{\"CreationDate\":\"2025-03-01T12:00:00+02:00\",\"DeprecationTime\":\"2030-01-01T01:00:00+01:00\"}");
    JsonNode three = json("/api/images/eu-central-1/ami-0time0000000000003");
    assertThat(three.path("image").path("CreationDate").asText()).isEqualTo("2025-03-01T10:30:00.250Z");
    assertThat(three.path("catalog").path("timesAsGiven").path("CreationDate").asText()).isEqualTo("2025-03-01T10:30:00.250123Z");
    JsonNode aws = json("/api/images/eu-central-1/ami-0time0000000000002");
    assertThat(aws.path("catalog").path("timesAsGiven").isNull()).isTrue();
    // Text that is no time: nothing is made up, and nothing is lost.
    JsonNode none = json("/api/images/eu-central-1/ami-0time0000000000007");
    assertThat(none.path("image").path("CreationDate").isNull()).isTrue();
    assertThat(none.path("catalog").path("timesAsGiven").path("CreationDate").asText()).isEqualTo("the day before yesterday");
  }

  @Test
  void theDetailPagePrintsUtcAndWhatTheFileSaid() {
    Document d = Jsoup.parse(app.get("/images/eu-central-1/ami-0time0000000000001").body());
    String created = d.select("table.kv tr").stream().filter(tr -> tr.selectFirst("th").text().equals("Created"))
        .findFirst().orElseThrow().selectFirst("td").text();
    assertThat(created).startsWith("2025-03-01 10:00 UTC").endsWith("given as 2025-03-01T12:00:00+02:00");
  }

  private static List<String> names(String path) {
    List<String> names = new ArrayList<>();
    json(path).path("images").forEach(i -> names.add(i.path("image").path("Name").asText()));
    return names;
  }

  private static JsonNode json(String path) {
    var r = app.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return Json.read(r.body());
  }
}
