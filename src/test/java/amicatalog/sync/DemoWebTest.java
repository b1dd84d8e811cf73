package amicatalog.sync;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a new user meets it (serve --demo, over three of its regions): a deprecated image and
 * a history to look at, said to be derived where they are; feeds with entries; each AMI id in one
 * region; and launch, copy and create-image forms filled from the demo sample account that stop
 * where the dry run would be. The app has no AWS access at all, so any AWS call would fail the page.
 */
@OnBothStores
class DemoWebTest {
  static final String FEDORA = "125523088429";
  static final String NOTHING_SENT = "demo: nothing is sent to AWS";

  @TempDir static Path dir;
  static TestApp app;
  final FormSession visitor = new FormSession(app);

  @BeforeAll
  static void start() {
    app = TestApp.startDemo(dir);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The manifest's release table: release → {stream, listed, left}. */
  static JsonNode releases() throws IOException {
    try (InputStream in = DemoWebTest.class.getResourceAsStream("/demo/manifest.json")) {
      return Json.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).path("history").path("releases");
    }
  }

  @Test
  void aReleaseThatLeftItsStreamIsDeprecatedSaysItIsDerivedAndHasItsHistory() throws IOException {
    String release = "39.20240104.1.0";  // a "next" release, replaced on 2024-01-17
    JsonNode r = releases().path(release);
    assertThat(r.path("stream").asText()).isEqualTo("next");
    String imageId = idOf("us-east-1", "fedora-coreos-" + release + "-x86_64");

    Document d = visitor.page("/images/us-east-1/" + imageId);

    assertThat(d.select("header .badge").eachText()).contains("deprecated", "demo: derived");
    // A deprecated image leads to what replaced it: its family's newest image, and the family's feed.
    // Its family is its stream's (next): the family page has the newest per region (/latest's name pattern would mix the streams).
    assertThat(d.select("#family-links a").eachAttr("href")).containsExactly(
        "/families/125523088429/fedora-coreos-*-x86_64%20%5Bnext%5D",
        "/families/125523088429/fedora-coreos-*-x86_64%20%5Bnext%5D#latest-heading",
        "/feeds/family?owner=125523088429&family=fedora-coreos-*-x86_64+%5Bnext%5D");
    assertThat(d.selectFirst("#family-standing").text()).startsWith("Superseded: ");
    String left = r.path("left").asText();  // 2024-01-17T16:57:08Z
    assertThat(d.selectFirst("#deprecation").text()).startsWith("Deprecated since " + left.substring(0, 10))
        .contains("demo: derived from the stream files").contains("Fedora's real deprecation time for the image is not in the data");
    assertThat(attributes(d)).containsEntry("Deprecation", left.substring(0, 10) + " " + left.substring(11, 16) + " UTC ("
        + amicatalog.common.Dates.relative(left) + ") demo: derived from the stream files");
    assertThat(d.selectFirst("#history-note").text()).contains("replayed from the Fedora CoreOS stream files");
    // Newest first: deprecated when the stream moved on, appeared when the stream files first listed it.
    List<Element> events = d.select("#history li");
    assertThat(events).extracting(e -> e.selectFirst(".kind").text()).containsExactly("deprecated", "appeared");
    assertThat(events.get(0).selectFirst("time").text()).isEqualTo(left.substring(0, 10) + " " + left.substring(11, 16) + " UTC");
    assertThat(events.get(0).selectFirst(".derived-note").text()).startsWith("demo: derived from the stream files");
    String listed = r.path("listed").asText();
    assertThat(events.get(1).selectFirst("time").text()).isEqualTo(listed.substring(0, 10) + " " + listed.substring(11, 16) + " UTC");
    assertThat(attributes(d).get("First seen by the catalog")).startsWith(listed.substring(0, 10));

    JsonNode json = Json.read(visitor.get("/api/images/us-east-1/" + imageId).body());
    assertThat(json.path("image").path("DeprecationTime").asText()).isEqualTo(left.replace("Z", ".000Z"));
    assertThat(json.path("history").get(0).path("note").asText()).startsWith("demo: derived from the stream files");
  }

  @Test
  void searchResultsAndTheComparePageSayADeprecationIsDerived() {
    Document results = visitor.page("/?q=fedora-coreos-39.20240104.1.0+x86_64&region=us-east-1");
    assertThat(results.select("table.images tbody tr")).isNotEmpty().allSatisfy(row ->
        assertThat(row.select(".badge").eachText()).contains("deprecated", "demo: derived"));
    String id = results.selectFirst("table.images tbody input[name=id]").attr("value");
    Document amazon = visitor.page("/?q=al2023&region=us-east-1");
    assertThat(amazon.select("table.images .badge.derived")).as("Amazon's images derive nothing").isEmpty();
    String other = amazon.selectFirst("table.images tbody input[name=id]").attr("value");
    Document compare = visitor.page("/compare?id=" + id + "&id=" + other);
    assertThat(compare.select("th.image").get(0).select(".badge").eachText()).contains("deprecated", "demo: derived");
    assertThat(compare.select("th.image").get(1).select(".badge.derived")).isEmpty();
  }

  @Test
  void anEmptyFeedOfTheDemoSaysNoneWillCome() {
    Document page = visitor.page("/feeds/search?q=al2023&region=eu-west-1");
    assertThat(page.text()).contains("the demo does not sync, so none will come").doesNotContain("The next one will be here");
  }

  @Test
  void theStreamsCurrentReleasesAreNotDeprecated() throws IOException {
    String stable = "44.20260707.3.1";  // what stream-stable.json lists
    assertThat(releases().path(stable).has("left")).isFalse();

    Document d = visitor.page("/images/us-east-1/" + idOf("us-east-1", "fedora-coreos-" + stable + "-aarch64"));

    assertThat(d.select("header .badge").eachText()).doesNotContain("deprecated", "demo: derived");
    assertThat(d.selectFirst("#deprecation")).isNull();
    assertThat(d.select("#history li .kind").eachText()).containsExactly("appeared");
    long current = app.db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE owner_id = ? AND deprecation_time IS NULL")
        .bind(0, FEDORA).mapTo(Long.class).one());
    assertThat(current).as("one image per stream, architecture and region: 3 x 2 x 3").isEqualTo(18);
  }

  @Test
  void amazonsImagesHaveNoMadeUpHistory() {
    String ecs = app.db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = 'eu-west-1' AND owner_alias = 'amazon'"
        + " ORDER BY creation_date DESC LIMIT 1").mapTo(String.class).one());

    Document d = visitor.page("/images/eu-west-1/" + ecs);

    assertThat(d.select("#history li")).isEmpty();
    assertThat(d.selectFirst("#history-note")).isNull();
    assertThat(d.select(".derived-note")).isEmpty();
  }

  @Test
  void theFamilyFeedHasTheHistoryAndSaysWhatIsDerived() {
    HttpResponse<String> feed = visitor.get("/feeds/family.atom?owner=" + FEDORA + "&family=" + amicatalog.web.Urls.enc("fedora-coreos-*-x86_64 [stable]"));
    assertThat(feed.statusCode()).isEqualTo(200);
    Document atom = Jsoup.parse(feed.body(), "", Parser.xmlParser());

    List<Element> entries = atom.select("feed > entry");
    assertThat(entries).hasSize(50);
    assertThat(atom.selectFirst("feed > updated").text()).isEqualTo("2026-07-21T14:20:31Z");
    assertThat(entries).extracting(e -> e.selectFirst("category").attr("term")).contains("appeared", "deprecated");
    Element deprecated = entries.stream().filter(e -> e.selectFirst("category").attr("term").equals("deprecated")).findFirst().orElseThrow();
    assertThat(deprecated.selectFirst("title").text()).startsWith("Deprecated in 3 regions: fedora-coreos-");
    assertThat(deprecated.selectFirst("content").text()).contains("demo: derived from the stream files");
    Element appeared = entries.stream().filter(e -> e.selectFirst("category").attr("term").equals("appeared")).findFirst().orElseThrow();
    assertThat(appeared.selectFirst("title").text()).startsWith("New in ");
    assertThat(appeared.selectFirst("content").text()).contains("replayed from the Fedora CoreOS stream files");
  }

  @Test
  void noAmiIdIsInTwoRegions() throws IOException {
    List<String> inTwo = app.db.read(h -> h.createQuery("SELECT image_id FROM images GROUP BY image_id HAVING count(DISTINCT region) > 1")
        .mapTo(String.class).list());
    assertThat(inTwo).as("in the demo catalog").isEmpty();
    // The whole bundle, every region: AWS never gives two regions' images the same id.
    Map<String, String> regionOf = new HashMap<>();
    int images = 0;
    for (JsonNode region : Json.read(resource("/demo/manifest.json")).path("regions")) {
      try (InputStream in = new GZIPInputStream(DemoWebTest.class.getResourceAsStream("/demo/" + region.asText() + ".json.gz"))) {
        for (JsonNode image : Json.MAPPER.readTree(in).path("Images")) {
          images++;
          String before = regionOf.put(image.path("ImageId").asText(), region.asText());
          assertThat(before).as(image.path("ImageId").asText() + " in " + region.asText()).isNull();
        }
      }
    }
    assertThat(images).isEqualTo(61_200);
  }

  @Test
  void theLaunchFormIsFilledFromTheSampleAccountAndStopsAtTheDryRun() {
    String launch = "/images/us-east-1/" + amazonImage("us-east-1", "arm64") + "/launch";

    Document form = visitor.page(launch);

    assertThat(form.selectFirst("#sample-account").text()).contains("demo sample account 123456789012");
    assertThat(form.selectFirst("#launch-off")).isNull();
    assertThat(form.select("#subnetId option")).hasSize(5);
    assertThat(form.select("#subnetId option[selected]").text()).contains("us-east-1a").contains("default");
    assertThat(form.select("#keyName option").eachAttr("value")).contains("ops-laptop", "ci-builder");
    assertThat(form.select("#instanceType option").eachAttr("value")).contains("t4g.micro").doesNotContain("t3.micro");

    HttpResponse<String> checked = visitor.submit((FormElement) form.selectFirst("form#launch-form"));

    assertThat(checked.statusCode()).isEqualTo(200);
    Document stop = FormSession.parse(checked);
    assertThat(stop.selectFirst("#demo-stop").text()).contains(NOTHING_SENT);
    assertThat(stop.selectFirst("#demo-stop pre.cli").text()).startsWith("aws ec2 run-instances --region us-east-1")
        .contains("--instance-type t4g.micro").endsWith("--dry-run");
    assertThat(stop.selectFirst("#confirm-form")).as("nothing to confirm").isNull();
    assertThat(actions()).as("nothing asked of AWS, nothing logged").isZero();
    // A confirmation made up by hand is refused, and says why.
    HttpResponse<String> confirm = visitor.post(launch + "/confirm", Map.of("_csrf", List.of(visitor.csrfTokenFrom(launch)),
        "instanceType", List.of("t4g.micro"), "count", List.of("1"), "nonce", List.of("0123456789abcdef0123456789abcdef")));
    assertThat(confirm.statusCode()).isEqualTo(409);
    assertThat(Jsoup.parse(confirm.body()).text()).contains(NOTHING_SENT);
  }

  @Test
  void aRefusedChoiceIsStillRefusedInTheDemo() {
    String launch = "/images/us-east-1/" + amazonImage("us-east-1", "arm64") + "/launch";
    FormElement form = (FormElement) visitor.page(launch).selectFirst("form#launch-form");
    Map<String, List<String>> fields = FormSession.fields(form);
    fields.put("instanceType", List.of("t3.micro"));  // x86_64 only

    HttpResponse<String> refused = visitor.submit(form, fields);

    assertThat(refused.statusCode()).isEqualTo(422);
    Document d = FormSession.parse(refused);
    assertThat(d.selectFirst("#problems").text()).contains("t3.micro runs x86_64 images; this image is arm64");
    assertThat(d.selectFirst("#demo-stop")).isNull();
  }

  @Test
  void theCopyFormActsAsTheSampleAccountAndStopsAtTheDryRun() {
    String image = amazonImage("us-east-1", "x86_64");
    Document form = visitor.page("/images/us-east-1/" + image + "/copy");
    assertThat(form.selectFirst("#sample-account").text()).contains("demo sample account 123456789012");
    assertThat(form.selectFirst("#copy-off")).isNull();

    HttpResponse<String> checked = visitor.submit((FormElement) form.selectFirst("form.copy-form"));

    assertThat(checked.statusCode()).isEqualTo(200);
    Document stop = FormSession.parse(checked);
    assertThat(stop.selectFirst("#demo-stop").text()).contains(NOTHING_SENT);
    assertThat(stop.selectFirst("#demo-stop pre.cli").text()).contains("aws ec2 copy-image --region ap-southeast-6 --source-region us-east-1"
        + " --source-image-id " + image).contains("--dry-run");
    assertThat(stop.selectFirst("#confirm-form")).isNull();
    HttpResponse<String> confirm = visitor.post("/images/us-east-1/" + image + "/copy/confirm", Map.of(
        "_csrf", List.of(visitor.csrfTokenFrom("/images/us-east-1/" + image + "/copy")), "region", List.of("ap-southeast-6"), "nonce", List.of("x")));
    assertThat(confirm.statusCode()).isEqualTo(409);
    assertThat(Jsoup.parse(confirm.body()).text()).contains(NOTHING_SENT);
  }

  @Test
  void theSampleAccountsInstancesGiveACreateImageFormThatStopsAtTheDryRun() {
    Document instances = visitor.page("/audit/instances");
    assertThat(instances.selectFirst("#sample-account").text()).contains("demo sample account 123456789012");
    assertThat(instances.select("#instances tbody tr")).hasSize(3);
    // Launched from images the catalog lists in the region.
    for (String imageId : instances.select("#instances tbody tr td:eq(4)").eachText()) {
      String region = app.db.read(h -> h.createQuery("SELECT region FROM images WHERE image_id = ?").bind(0, imageId)
          .mapTo(String.class).one());
      assertThat(region).as(imageId).isEqualTo("us-east-1");
    }
    Document form = visitor.page(instances.selectFirst("#instances a.button").attr("href"));
    assertThat(form.selectFirst("#image-owner").text()).contains("demo sample account 123456789012");
    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form.create-image"));
    fields.put("tags", List.of("Team=platform"));

    HttpResponse<String> created = visitor.submit((FormElement) form.selectFirst("form.create-image"), fields);

    assertThat(created.statusCode()).isEqualTo(200);
    Document stop = FormSession.parse(created);
    assertThat(stop.selectFirst("#demo-stop").text()).contains(NOTHING_SENT);
    assertThat(stop.selectFirst("#demo-stop pre.cli").text()).startsWith("aws ec2 create-image --region us-east-1 --instance-id i-")
        .contains("\"Key\":\"Team\",\"Value\":\"platform\"").endsWith("--dry-run");
    assertThat(actions()).isZero();
  }

  private static long actions() {
    return app.db.read(h -> h.createQuery("SELECT count(*) FROM actions").mapTo(Long.class).one());
  }

  @Test
  void theSyncPageSaysTheHistoryWasReplayed() {
    assertThat(visitor.page("/sync").selectFirst("main").text())
        .contains("it does not sync").contains("replayed from the stream files when the demo was loaded");
  }

  private static String idOf(String region, String name) {
    return app.db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = ? AND name = ?")
        .bind(0, region).bind(1, name).mapTo(String.class).one());
  }

  /** The newest Amazon Linux image of Amazon's of this architecture in the region (an EBS, hvm one: launchable). */
  private static String amazonImage(String region, String arch) {
    return app.db.read(h -> h.createQuery("""
            SELECT image_id FROM images WHERE region = ? AND architecture = ? AND owner_alias = 'amazon'
              AND name LIKE 'al2023-ami-ecs-hvm-%' ORDER BY creation_date DESC LIMIT 1""")
        .bind(0, region).bind(1, arch).mapTo(String.class).one());
  }

  private static Map<String, String> attributes(Document d) {
    Map<String, String> fields = new HashMap<>();
    for (Element tr : d.select("table.kv tr")) fields.put(tr.selectFirst("th").text(), tr.selectFirst("td").text());
    return fields;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DemoWebTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
