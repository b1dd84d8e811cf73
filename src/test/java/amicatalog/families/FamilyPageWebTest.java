package amicatalog.families;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import amicatalog.web.Urls;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The family page over the demo catalog (eu-west-1, us-east-1, ap-southeast-6): Fedora CoreOS's
 * stable, testing and next streams are families of their own, each with its own newest version.
 */
@OnBothStores
class FamilyPageWebTest {
  static final String FCOS = "125523088429";
  static final String STABLE = "fedora-coreos-*-x86_64 [stable]";

  @TempDir static Path dir;
  static TestApp app;
  FormSession visitor = new FormSession(app);

  @BeforeAll
  static void start() {
    app = TestApp.startDemo(dir);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The newest stable x86_64 image per region, as SQL finds it from the descriptions. */
  private static Map<String, String> newestStableBySql() {
    Map<String, String> newest = new TreeMap<>();
    app.db.read(h -> h.createQuery("""
            SELECT region, image_id FROM images i WHERE owner_id = '125523088429' AND %s
              AND %s AND removed_at IS NULL
              AND creation_date = (SELECT max(creation_date) FROM images j WHERE j.region = i.region AND j.owner_id = i.owner_id
                AND %s AND %s AND j.removed_at IS NULL)""".formatted(
                TestStores.glob(app.db, "name", "fedora-coreos-*-x86_64"), TestStores.glob(app.db, "description", "Fedora CoreOS stable *"),
                TestStores.glob(app.db, "j.name", "fedora-coreos-*-x86_64"), TestStores.glob(app.db, "j.description", "Fedora CoreOS stable *")))
        .map((rs, ctx) -> newest.put(rs.getString(1), rs.getString(2))).list());
    return newest;
  }

  @Test
  void theAuditShowsEachStreamAsAFamilyLinkingItsPage() {
    Document d = visitor.page("/audit?owner=" + FCOS);
    assertThat(d.select("table.matrix tbody .fam-name").eachText()).containsExactlyInAnyOrder(
        "fedora-coreos-*-x86_64 [stable]", "fedora-coreos-*-x86_64 [testing]", "fedora-coreos-*-x86_64 [next]",
        "fedora-coreos-*-aarch64 [stable]", "fedora-coreos-*-aarch64 [testing]", "fedora-coreos-*-aarch64 [next]");
    assertThat(d.select("table.matrix tbody .fam-meta a").eachAttr("href")).contains(Urls.family(FCOS, STABLE));
  }

  @Test
  void theStableFamilyPageShowsItsVersionsNewestFirstAndTheNewestStableBuildPerRegion() {
    Document d = visitor.page(Urls.family(FCOS, STABLE));

    assertThat(d.selectFirst("h1").text()).isEqualTo(STABLE);
    assertThat(d.selectFirst(".sub").text()).contains("stream stable");
    List<String> versions = d.select("#versions > li").eachAttr("data-version");
    assertThat(versions).isNotEmpty().allSatisfy(v -> assertThat(v).matches("fedora-coreos-\\d+\\.\\d{8}\\.3\\.\\d+-x86_64"));
    assertThat(versions).isSortedAccordingTo(java.util.Comparator.comparing((String v) -> v.split("\\.")[1]).reversed());
    Map<String, String> newest = newestStableBySql();
    assertThat(newest).hasSize(3);
    for (var e : newest.entrySet()) {
      var row = d.selectFirst("#family-latest tr[data-region=" + e.getKey() + "]");
      assertThat(row.text()).contains(e.getValue());
    }
    // The picture: one square per version shown and region, the newest of each region ringed.
    assertThat(d.select("svg.timeline rect")).hasSize(versions.size() * 3);
    assertThat(d.select("svg.timeline rect.tl-latest")).hasSize(3);
    assertThat(d.selectFirst("svg.timeline title").text()).contains("× 3 regions");
    assertThat(d.select("head link[rel=alternate]").attr("href")).isEqualTo(Urls.familyFeed(FCOS, STABLE));
  }

  @Test
  void theJsonAndCsvTwinsHoldEveryVersion() {
    HttpResponse<String> json = visitor.get(Urls.familyJson(FCOS, STABLE));
    assertThat(json.statusCode()).isEqualTo(200);
    JsonNode j = Json.read(json.body());
    assertThat(j.path("stream").asText()).isEqualTo("stable");
    assertThat(j.path("namePattern").asText()).isEqualTo("fedora-coreos-*-x86_64");
    Map<String, String> latest = new TreeMap<>();
    j.path("latestByRegion").fields().forEachRemaining(e -> latest.put(e.getKey(), e.getValue().asText()));
    assertThat(latest).isEqualTo(newestStableBySql());
    int copies = 0;
    for (JsonNode v : j.path("versions")) copies += v.path("regions").size();

    HttpResponse<String> csv = visitor.get(Urls.familyCsv(FCOS, STABLE));
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("owner,family,version,");
    assertThat(lines).hasSize(1 + copies);
  }

  @Test
  void anImagePageSaysWhereItStandsInItsFamily() {
    Map<String, String> newest = newestStableBySql();
    String newestId = newest.get("us-east-1");
    Document top = visitor.page("/images/us-east-1/" + newestId);
    assertThat(top.selectFirst("#family-standing").text()).contains("newest").contains("Newest of its family");

    String older = app.db.read(h -> h.createQuery("""
            SELECT image_id FROM images WHERE region = 'us-east-1' AND family_key = ? AND removed_at IS NULL
            ORDER BY creation_date LIMIT 1""").bind(0, STABLE).mapTo(String.class).one());
    Document d = visitor.page("/images/us-east-1/" + older);
    assertThat(d.selectFirst("#family-standing").text()).startsWith("Superseded: ").contains("newer versions, the newest is")
        .contains("days newer");
    assertThat(d.select("#family-standing a").eachAttr("href")).contains("/images/us-east-1/" + newestId, Urls.family(FCOS, STABLE));
  }

  @Test
  void badOwnersAndUnknownFamiliesAreClearFourHundreds() {
    HttpResponse<String> owner = visitor.get("/families/%3Cscript%3E/x-*");
    assertThat(owner.statusCode()).isEqualTo(400);
    assertThat(FormSession.parse(owner).selectFirst("main").text()).contains("is not an owner");
    HttpResponse<String> none = visitor.get(Urls.family(FCOS, "no-such-*"));
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(FormSession.parse(none).selectFirst("main").text()).contains("no family");
    assertThat(visitor.get("/api/family?owner=" + FCOS).statusCode()).isEqualTo(400);
  }
}
