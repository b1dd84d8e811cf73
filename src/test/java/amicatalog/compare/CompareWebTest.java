package amicatalog.compare;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /compare and /api/compare on the real app over the demo data plus three images made to differ. */
@OnBothStores
class CompareWebTest {
  static final String A = "eu-west-1/ami-0c0ffee0000000001";
  static final String B = "eu-west-1/ami-0c0ffee0000000002";
  static final String HOSTILE = "eu-west-1/ami-0c0ffee0000000003";
  static final String IMAGES = """
      {"Images": [
        {"ImageId": "ami-0c0ffee0000000001", "Name": "team-base-1", "OwnerId": "111122223333", "Architecture": "x86_64",
         "BootMode": "uefi", "EnaSupport": true, "State": "available", "CreationDate": "2026-01-02T03:04:05.000Z",
         "RootDeviceType": "ebs", "RootDeviceName": "/dev/xvda", "VirtualizationType": "hvm",
         "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": "snap-01", "VolumeSize": 8, "VolumeType": "gp3"}}],
         "Tags": [{"Key": "team", "Value": "web"}]},
        {"ImageId": "ami-0c0ffee0000000002", "Name": "team-base-2", "OwnerId": "111122223333", "Architecture": "x86_64",
         "BootMode": "legacy-bios", "EnaSupport": true, "State": "available", "CreationDate": "2026-02-02T03:04:05.000Z",
         "RootDeviceType": "ebs", "RootDeviceName": "/dev/xvda", "VirtualizationType": "hvm",
         "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": "snap-02", "VolumeSize": 16, "VolumeType": "gp3"}}],
         "Tags": [{"Key": "team", "Value": "web"}, {"Key": "stage", "Value": "beta"}]},
        {"ImageId": "ami-0c0ffee0000000003", "Name": "<script>alert(1)</script>", "OwnerId": "111122223333",
         "Architecture": "x86_64", "State": "available", "CreationDate": "2026-03-02T03:04:05.000Z",
         "Tags": [{"Key": "<b>k</b>", "Value": "\\"><img src=x onerror=alert(2)>"}]}
      ]}""";

  @TempDir static Path dir;
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, "eu-west-1", IMAGES);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String compareUrl(String... ids) {
    return "/compare?" + java.util.Arrays.stream(ids).map(id -> "id=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  Document page(String pathAndQuery) {
    HttpResponse<String> response = app.get(pathAndQuery);
    assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
    return Jsoup.parse(response.body(), app.url(pathAndQuery));
  }

  static Element row(Document d, String label) {
    return d.select("table.compare tbody tr").stream()
        .filter(tr -> tr.selectFirst("th[scope=row]") != null && tr.selectFirst("th[scope=row]").text().equals(label))
        .findFirst().orElse(null);
  }

  @Test
  void oneColumnPerImageWithLinksBackToEachDetailPage() {
    Document d = page(compareUrl(A, B));

    List<Element> columns = d.select("table.compare thead th.image");
    assertThat(columns).hasSize(2);
    assertThat(columns.get(0).selectFirst("a.title").text()).isEqualTo("team-base-1");
    assertThat(columns.get(0).selectFirst("a.title").attr("href")).isEqualTo("/images/eu-west-1/ami-0c0ffee0000000001");
    assertThat(columns.get(1).select(".column-links a").eachAttr("href"))
        .containsExactly("/images/eu-west-1/ami-0c0ffee0000000002/launch", compareUrl(A));
    assertThat(row(d, "Name").select("td").eachText()).containsExactly("team-base-1", "team-base-2");
    assertThat(d.selectFirst("#share-url").val()).isEqualTo(app.url(compareUrl(A, B)));
    assertThat(d.selectFirst("#compare-problems")).isNull();
  }

  @Test
  void rowsThatDifferAreHighlightedAndRowsThatAgreeAreNot() {
    Document d = page(compareUrl(A, B));

    assertThat(row(d, "Boot mode").hasClass("differs")).isTrue();
    assertThat(row(d, "/dev/xvda").hasClass("differs")).isTrue();
    assertThat(row(d, "stage").select("td").eachText()).containsExactly("—", "beta");
    assertThat(row(d, "stage").hasClass("differs")).isTrue();
    assertThat(row(d, "Architecture").hasClass("same")).isTrue();
    assertThat(row(d, "team").hasClass("same")).isTrue();
    assertThat(d.select("table.compare tr.section th").eachText()).contains("Image", "Platform", "Block devices", "Tags", "Catalog");
  }

  @Test
  void onlyDifferencesIsALinkThatTogglesDiffInTheUrl() {
    Document all = page(compareUrl(A, B));
    String toggle = all.selectFirst("#toggle-differences").attr("href");
    assertThat(toggle).isEqualTo(compareUrl(A, B) + "&diff=1");

    Document diff = page(toggle);

    assertThat(diff.select("table.compare tbody tr:not(.section)")).isNotEmpty().allSatisfy(tr -> assertThat(tr.hasClass("differs")).isTrue());
    assertThat(row(diff, "Architecture")).isNull();
    assertThat(row(diff, "Boot mode")).isNotNull();
    assertThat(diff.selectFirst("#toggle-differences").attr("href")).isEqualTo(compareUrl(A, B));
    assertThat(diff.selectFirst("#toggle-differences").text()).isEqualTo("Show all attributes");
    assertThat(diff.selectFirst("#share-url").val()).endsWith("&diff=1");
  }

  @Test
  void unknownMalformedAndAmbiguousIdsAreReportedInThePage() {
    Document d = page(compareUrl(A, "eu-west-1/ami-0000000000dead", "not an id", "ami-0c0ffee0000000002", "../../etc/passwd"));

    assertThat(d.select("table.compare thead th.image")).hasSize(2);
    assertThat(d.select("#compare-problems li").eachText()).containsExactly(
        "“not an id” is not an image id like eu-west-1/ami-0abc1234 (or just ami-0abc1234).",
        "“../../etc/passwd” is not an image id like eu-west-1/ami-0abc1234 (or just ami-0abc1234).",
        "The catalog has no image ami-0000000000dead in eu-west-1.");
    // The bare id was found in its one region, and the shareable URL keeps only what was compared.
    assertThat(d.selectFirst("#share-url").val()).isEqualTo(app.url(compareUrl(A, B)));
  }

  @Test
  void fewerThanTwoOrMoreThanSixImagesAreExplained() {
    assertThat(page("/compare").selectFirst("#compare-notice").text()).startsWith("Pick two to six images");
    Document one = page(compareUrl(A));
    assertThat(one.selectFirst("#compare-notice").text()).isEqualTo("Add at least one more image to compare this one with.");
    assertThat(one.select("table.compare thead th.image")).hasSize(1);

    List<String> ids = new ArrayList<>(List.of(A, B, HOSTILE));
    for (JsonNode image : Json.read(app.get("/api/images?q=ecs&region=us-east-1").body()).path("images")) {
      if (ids.size() < 8) ids.add("us-east-1/" + image.path("image").path("ImageId").asText());
    }
    Document many = page(compareUrl(ids.toArray(String[]::new)));
    assertThat(many.select("table.compare thead th.image")).hasSize(6);
    assertThat(many.selectFirst("#compare-notice").text())
        .isEqualTo("At most 6 images can be compared side by side; left out: " + ids.get(6) + ", " + ids.get(7) + ".");
  }

  @Test
  void anotherImageIsAddedByIdWithTheFormThatKeepsTheOthers() {
    Document d = page(compareUrl(A, B) + "&diff=1");
    FormElement form = (FormElement) d.selectFirst("form.compare-add");
    form.selectFirst("input#add-id").val("ami-0c0ffee0000000003");

    String query = form.formData().stream().map(k -> k.key() + "=" + URLEncoder.encode(k.value(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    Document added = page(form.attr("action") + "?" + query);

    assertThat(added.select("table.compare thead th.image")).hasSize(3);
    assertThat(added.selectFirst("#toggle-differences").text()).isEqualTo("Show all attributes");
  }

  @Test
  void oddInputIsReportedNeverAServerError() {
    String many = java.util.stream.IntStream.range(0, 80).mapToObj(i -> "id=ami-" + i).collect(Collectors.joining("&"));
    for (String query : List.of("id=%00", "id=" + "x".repeat(5000), many, "id=eu-west-1%2F", "id=%2Fami-1",
        "id=" + URLEncoder.encode(A + "," + B + " ami-0c0ffee0000000003", StandardCharsets.UTF_8), "diff=yes", "id=&id=")) {
      for (String path : List.of("/compare?", "/api/compare?")) {
        HttpResponse<String> response = app.get(path + query);
        // An address longer than any link of ours is refused before any work (414), and one holding a
        // NUL (which no id has) with a 400 that says so; the rest are answered.
        assertThat(response.statusCode()).as(path + query).isEqualTo(query.length() > 4096 ? 414 : query.contains("%00") ? 400 : 200);
        assertThat(response.body()).as(path + query).doesNotContain("Exception");
      }
    }
    assertThat(page("/compare?" + many).select("#compare-problems li").get(0).text())
        .isEqualTo("Only the first 50 of 80 ids were read.");
    assertThat(page("/compare?id=" + URLEncoder.encode(A + "," + B + " ami-0c0ffee0000000003", StandardCharsets.UTF_8))
        .select("table.compare thead th.image")).hasSize(3);
  }

  @Test
  void imageTextIsShownAsTextNeverAsMarkup() {
    Document d = page(compareUrl(A, HOSTILE));

    assertThat(d.select("script:not([src])")).isEmpty();
    assertThat(d.select("img[onerror], b")).isEmpty();
    assertThat(d.select("table.compare thead th.image a.title").eachText()).contains("<script>alert(1)</script>");
    assertThat(row(d, "<b>k</b>").select("td").eachText()).containsExactly("—", "\"><img src=x onerror=alert(2)>");
  }

  @Test
  void theSearchResultsCheckboxesFormTheCompareUrl() {
    Document search = page("/?q=team-base");
    FormElement form = (FormElement) search.selectFirst("form#compare-form");
    List<String> values = form.select("input[type=checkbox][name=id]").eachAttr("value");
    assertThat(values).contains(A, B);

    Document d = page(form.attr("action") + "?id=" + URLEncoder.encode(A, StandardCharsets.UTF_8)
        + "&id=" + URLEncoder.encode(B, StandardCharsets.UTF_8));

    assertThat(d.select("table.compare thead th.image")).hasSize(2);
  }

  @Test
  void theJsonTwinHasTheSameColumnsRowsAndProblems() {
    JsonNode body = Json.read(app.get("/api/compare?id=" + URLEncoder.encode(A, StandardCharsets.UTF_8)
        + "&id=" + URLEncoder.encode(B, StandardCharsets.UTF_8) + "&id=nope").body());

    assertThat(body.path("images")).hasSize(2);
    assertThat(body.path("images").get(0).path("image").path("ImageId").asText()).isEqualTo("ami-0c0ffee0000000001");
    assertThat(body.path("problems").get(0).asText()).contains("“nope” is not an image id");
    JsonNode platform = java.util.stream.StreamSupport.stream(body.path("sections").spliterator(), false)
        .filter(s -> s.path("title").asText().equals("Platform")).findFirst().orElseThrow();
    JsonNode boot = java.util.stream.StreamSupport.stream(platform.path("rows").spliterator(), false)
        .filter(r -> r.path("label").asText().equals("Boot mode")).findFirst().orElseThrow();
    assertThat(boot.path("values").get(0).asText()).isEqualTo("uefi");
    assertThat(boot.path("differs").asBoolean()).isTrue();
    assertThat(body.path("differing").asInt()).isPositive();
  }
}
