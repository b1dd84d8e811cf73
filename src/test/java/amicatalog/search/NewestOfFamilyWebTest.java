package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.FamilyVersions;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import amicatalog.web.Urls;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Newest of each family" on the search page and its twins: over the demo catalog (Fedora CoreOS's
 * streams, Amazon Linux's kernels), the images it leaves are exactly those whose page says "Newest
 * of its family"; over a catalog of our own, a newer version imported later takes the one before
 * it out of the toggled results.
 */
@OnBothStores
class NewestOfFamilyWebTest {
  static final String FCOS = "125523088429";
  static final String STABLE = "fedora-coreos-*-x86_64 [stable]";

  @TempDir static Path dir;
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.startDemo(dir);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static Document page(TestApp app, String pathAndQuery) {
    HttpResponse<String> response = app.get(pathAndQuery);
    assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
    return Jsoup.parse(response.body(), app.url(pathAndQuery));
  }

  static Element toggle(Document d) {
    return d.selectFirst("section.facet[data-facet=newest] a");
  }

  /** Region/image id of every row of a search, from its CSV twin. */
  static Set<String> csvImages(TestApp app, String query) {
    HttpResponse<String> csv = app.get("/api/images.csv?" + query);
    assertThat(csv.statusCode()).isEqualTo(200);
    return csv.body().lines().skip(1).map(l -> {
      String[] cells = l.split(",", 3);
      return cells[0] + "/" + cells[1];
    }).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Each image's family key (null: none), by region/image id. */
  static Map<String, String> familyKeys(Database db) {
    Map<String, String> keys = new HashMap<>();
    db.read(h -> h.createQuery("SELECT region, image_id, family_key FROM images WHERE removed_at IS NULL")
        .map((rs, ctx) -> keys.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3))).list());
    return keys;
  }

  @Test
  void theToggleLeavesAStreamFamilyOfManyVersionsItsNewestOnlyAndSaysHowMany() {
    Document all = page(app, "/?q=fedora-coreos&arch=x86_64");
    int everyVersion = CatalogWebTest.total(all);
    Element toggle = toggle(all);
    assertThat(toggle).as("the toggle is a link, in the filters").isNotNull();
    assertThat(toggle.attr("href")).isEqualTo("/?q=fedora-coreos&arch=x86_64&newest=1");
    assertThat(toggle.attr("aria-current")).isEmpty();
    int promised = CatalogWebTest.count(toggle);
    assertThat(promised).isPositive().isLessThan(everyVersion);

    Document newest = page(app, toggle.attr("href"));
    assertThat(CatalogWebTest.total(newest)).as("the count the toggle said").isEqualTo(promised);
    // Three streams of x86_64, each newest version in at most the demo's three regions.
    assertThat(promised).isLessThanOrEqualTo(9);
    Element on = toggle(newest);
    assertThat(on.attr("aria-current")).isEqualTo("true");
    assertThat(on.hasClass("on")).isTrue();
    assertThat(on.attr("href")).isEqualTo("/?q=fedora-coreos&arch=x86_64");
    assertThat(CatalogWebTest.count(on)).isEqualTo(promised);
    assertThat(newest.select(".toolbar a.chip").eachText()).contains("Versions: newest only ✕");
    assertThat(newest.select("form.searchbar input[type=hidden][name=newest]").eachAttr("value")).containsExactly("1");
    // The facet counts are those of what is shown.
    assertThat(newest.select("section.facet[data-facet=region] li a").stream().mapToInt(CatalogWebTest::count).sum())
        .isEqualTo(promised);
    // (The chosen facet's own counts leave out its own filter, so arch's chosen value alone is the total.)
    assertThat(newest.select("section.facet[data-facet=arch] li a.on").stream().mapToInt(CatalogWebTest::count).sum())
        .isEqualTo(promised);

    // The stable stream: one version left, the one its family page lists first, in every region holding it.
    Map<String, String> keys = familyKeys(app.db);
    List<Element> rows = newest.select("table.images tbody tr");
    Set<String> stableNames = new TreeSet<>();
    for (Element row : rows) {
      String image = row.selectFirst("td.c-region").text() + "/" + row.selectFirst("td.c-id").text();
      if (STABLE.equals(keys.get(image))) stableNames.add(row.selectFirst("td.c-name a").text());
      // And each image left says so on its own page.
      Document detail = page(app, row.selectFirst("td.c-name a").attr("href"));
      assertThat(detail.selectFirst("#family-standing").text()).as(image).contains("Newest of its family");
    }
    String familyNewest = page(app, Urls.family(FCOS, STABLE)).select("#versions > li").first().attr("data-version");
    assertThat(stableNames).containsExactly(familyNewest);

    // Every family of the search keeps its newest: the same families, fewer images.
    Set<String> families = csvImages(app, "q=fedora-coreos&arch=x86_64").stream().map(keys::get).collect(Collectors.toSet());
    Set<String> left = csvImages(app, "q=fedora-coreos&arch=x86_64&newest=1");
    assertThat(left).hasSize(promised);
    assertThat(left.stream().map(keys::get).collect(Collectors.toSet())).isEqualTo(families).hasSize(3);
  }

  @Test
  void anAmazonLinuxFamilyOfManyVersionsKeepsOneAndTheTwinsAnswerTheSame() {
    String family = "al2023-ami-ecs-hvm-*-kernel-6.1-x86_64";
    Map<String, String> keys = familyKeys(app.db);
    long versions = app.db.read(h -> h.createQuery("SELECT count(DISTINCT name) FROM images WHERE family_key = ? AND removed_at IS NULL")
        .bind(0, family).mapTo(Long.class).one());
    assertThat(versions).as("a family of many versions in the demo").isGreaterThan(5);

    Set<String> every = csvImages(app, "q=al2023-ami-ecs-hvm&owner=amazon");
    Set<String> newest = csvImages(app, "q=al2023-ami-ecs-hvm&owner=amazon&newest=1");
    assertThat(newest).isNotEmpty().hasSizeLessThan(every.size());
    assertThat(every).containsAll(newest);
    Set<String> names = app.db.read(h -> h.createQuery("SELECT DISTINCT name FROM images WHERE family_key = ? AND removed_at IS NULL"
            + " AND region || '/' || image_id " + app.db.dialect().inTexts("?"))
        .bind(0, family).bind(1, Json.write(List.copyOf(newest))).mapTo(String.class).set());
    assertThat(names).as("one version of the ECS kernel 6.1 x86_64 family is left").hasSize(1);
    assertThat(every.stream().filter(i -> family.equals(keys.get(i))).count()).isGreaterThan(1);

    JsonNode off = Json.read(app.get("/api/images?q=al2023-ami-ecs-hvm&owner=amazon").body());
    JsonNode on = Json.read(app.get("/api/images?q=al2023-ami-ecs-hvm&owner=amazon&newest=1&per=1000").body());
    assertThat(off.path("newestOnly").asBoolean()).isFalse();
    assertThat(off.path("total").asInt()).isEqualTo(every.size());
    assertThat(off.path("newestOfFamily").asInt()).isEqualTo(newest.size());
    assertThat(on.path("newestOnly").asBoolean()).isTrue();
    assertThat(on.path("total").asInt()).isEqualTo(newest.size());
    Set<String> fromJson = new TreeSet<>();
    on.path("images").forEach(i -> fromJson.add(i.path("catalog").path("region").asText() + "/" + i.path("image").path("ImageId").asText()));
    assertThat(fromJson).isEqualTo(newest);
    int regionCounts = 0;
    for (JsonNode v : on.path("facets").path("region")) regionCounts += v.path("count").asInt();
    assertThat(regionCounts).isEqualTo(newest.size());

    HttpResponse<String> csv = app.get("/api/images.csv?q=al2023-ami-ecs-hvm&owner=amazon&newest=1");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("-newest-");
  }

  /**
   * Over the whole demo catalog, the toggle leaves exactly the images whose page says "Newest of
   * its family" (FamilyVersions' standing, family by family), and those with no family.
   */
  @Test
  void theToggleLeavesExactlyTheImagesWhosePageSaysNewest() {
    Set<String> expected = new TreeSet<>();
    record Family(String owner, String key) {}
    List<Family> families = app.db.read(h -> h.createQuery("""
            SELECT DISTINCT coalesce(owner_alias, owner_id), family_key FROM images
            WHERE family_key IS NOT NULL AND name IS NOT NULL AND removed_at IS NULL""")
        .map((rs, ctx) -> new Family(rs.getString(1), rs.getString(2))).list());
    assertThat(families).hasSizeGreaterThan(50);
    for (Family f : families) {
      FamilyVersions versions = app.db.read(h -> FamilyVersions.find(h, f.owner(), f.key()));
      for (FamilyVersions.Version v : versions.liveVersions()) {
        if (!versions.standing(v.name()).isNewest()) continue;
        v.live().forEach(c -> expected.add(c.region() + "/" + c.imageId()));
      }
    }
    expected.addAll(app.db.read(h -> h.createQuery("""
            SELECT region || '/' || image_id FROM images WHERE removed_at IS NULL AND (family_key IS NULL OR name IS NULL)""")
        .mapTo(String.class).set()));

    Set<String> shown = csvImages(app, "newest=1");
    assertThat(shown).hasSameSizeAs(expected);
    assertThat(shown).isEqualTo(expected);
    int all = CatalogWebTest.total(page(app, "/"));
    assertThat(shown.size()).isLessThan(all / 2);
    assertThat(CatalogWebTest.count(toggle(page(app, "/")))).isEqualTo(shown.size());
  }

  @Test
  void aBadNewestValueIsAClearFourHundred() {
    HttpResponse<String> page = app.get("/?newest=yes");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(page.body()).text()).contains("newest", "use 1");
    HttpResponse<String> api = app.get("/api/images?newest=2");
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(api.body()).contains("use 1");
    assertThat(app.get("/?newest=0").statusCode()).isEqualTo(200);
  }

  @Test
  void theFeedOfAToggledSearchFollowsEveryVersion() {
    Document d = page(app, "/?q=fedora-coreos&newest=1");
    String feed = d.selectFirst("head link[rel=alternate][type=application/atom+xml]").attr("href");
    assertThat(feed).isEqualTo("/feeds/search.atom?q=fedora-coreos");
    assertThat(d.select("a[href^=/api/images?]").eachAttr("href")).contains("/api/images?q=fedora-coreos&newest=1");
  }

  /** Versions of one team family over two regions, a day apart; one image without a name. */
  private static final String TEAM = """
      {"Images": [
        {"ImageId": "ami-0aaa0000000000001", "Name": "team-base-20251201", "OwnerId": "444455556666", "CreationDate": "2025-12-01T00:00:00.000Z"},
        {"ImageId": "ami-0aaa0000000000002", "Name": "team-base-20260101", "OwnerId": "444455556666", "CreationDate": "2026-01-01T00:00:00.000Z"},
        {"ImageId": "ami-0aaa0000000000003", "OwnerId": "444455556666", "CreationDate": "2026-01-02T00:00:00.000Z"}]}""";
  private static final String TEAM_US = """
      {"Images": [
        {"ImageId": "ami-0bbb0000000000002", "Name": "team-base-20260101", "OwnerId": "444455556666", "CreationDate": "2026-01-01T06:00:00.000Z"},
        {"ImageId": "ami-0bbb0000000000009", "Name": "team-tools", "OwnerId": "444455556666", "CreationDate": "2025-06-01T00:00:00.000Z"}]}""";
  private static final String NEWER = """
      {"Images": [
        {"ImageId": "ami-0aaa0000000000004", "Name": "team-base-20260201", "OwnerId": "444455556666", "CreationDate": "2026-02-01T00:00:00.000Z"}]}""";

  private static SnapshotImageSource.Snapshot snapshot(String region, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new SnapshotImageSource.Snapshot(region, region, () -> new ByteArrayInputStream(bytes));
  }

  @Test
  void aNewerVersionImportedLaterTakesThePreviousNewestOut(@TempDir Path own) {
    try (Database db = TestStores.open(own)) {
      TestApp.load(db, List.of(snapshot("eu-west-1", TEAM), snapshot("us-east-1", TEAM_US)));
      try (TestApp team = TestApp.serve(db)) {
        String search = "/?owner=444455556666&newest=1";
        assertThat(csvImages(team, "owner=444455556666&newest=1")).containsExactlyInAnyOrder(
            "eu-west-1/ami-0aaa0000000000002", "us-east-1/ami-0bbb0000000000002",  // team-base's newest, in both regions
            "eu-west-1/ami-0aaa0000000000003", "us-east-1/ami-0bbb0000000000009");  // no name; a family of one
        Document before = page(team, search);
        assertThat(CatalogWebTest.total(before)).isEqualTo(4);

        // A newer version, in one region, from an import as another process would write it; serve picks it up.
        TestApp.load(db, List.of(snapshot("eu-west-1", NEWER)));
        team.search.refreshIfChanged();

        assertThat(csvImages(team, "owner=444455556666&newest=1")).containsExactlyInAnyOrder(
            "eu-west-1/ami-0aaa0000000000004", "eu-west-1/ami-0aaa0000000000003", "us-east-1/ami-0bbb0000000000009");
        Document after = page(team, search);
        assertThat(CatalogWebTest.total(after)).isEqualTo(3);
        assertThat(after.select("table.images td.c-id").eachText()).doesNotContain("ami-0aaa0000000000002", "ami-0bbb0000000000002");
        Map<String, Integer> regions = new HashMap<>();
        after.select("section.facet[data-facet=region] li a").forEach(a -> regions.put(a.selectFirst(".v").text(), CatalogWebTest.count(a)));
        assertThat(regions).isEqualTo(Map.of("eu-west-1", 2, "us-east-1", 1));
        // Every version is still there without the toggle, and the toggle's count says what it leaves.
        Document every = page(team, "/?owner=444455556666");
        assertThat(CatalogWebTest.total(every)).isEqualTo(6);
        assertThat(CatalogWebTest.count(toggle(every))).isEqualTo(3);
        // The page of the previous newest agrees: it is superseded now, in the region without the new one too.
        assertThat(page(team, "/images/us-east-1/ami-0bbb0000000000002").selectFirst("#family-standing").text())
            .startsWith("Superseded: 1 newer version");
      }
    }
  }

  /** Two versions made at the same time (both newest); a family none of whose versions says when it was made. */
  private static final String TIES = """
      {"Images": [
        {"ImageId": "ami-0ddd0000000000001", "Name": "tie-base-20260101", "OwnerId": "444455556666", "CreationDate": "2026-03-01T00:00:00.000Z"},
        {"ImageId": "ami-0ddd0000000000002", "Name": "tie-base-20260102", "OwnerId": "444455556666", "CreationDate": "2026-03-01T00:00:00.000Z"},
        {"ImageId": "ami-0ddd0000000000003", "Name": "tie-base-20251201", "OwnerId": "444455556666", "CreationDate": "2026-02-01T00:00:00.000Z"},
        {"ImageId": "ami-0ddd0000000000004", "Name": "undated-20250101", "OwnerId": "444455556666"},
        {"ImageId": "ami-0ddd0000000000005", "Name": "undated-20250201", "OwnerId": "444455556666"}]}""";

  @Test
  void tiesAndUndatedFamiliesAreNewestAsTheirPagesSay(@TempDir Path own) {
    try (Database db = TestStores.open(own)) {
      TestApp.load(db, List.of(snapshot("eu-west-1", TIES)));
      try (TestApp ties = TestApp.serve(db)) {
        Set<String> newest = csvImages(ties, "owner=444455556666&newest=1");
        assertThat(newest).containsExactlyInAnyOrder("eu-west-1/ami-0ddd0000000000001", "eu-west-1/ami-0ddd0000000000002",
            "eu-west-1/ami-0ddd0000000000005");
        for (String image : csvImages(ties, "owner=444455556666")) {
          String standing = page(ties, "/images/" + image).selectFirst("#family-standing").text();
          assertThat(standing.contains("Newest of its family")).as(image + ": " + standing).isEqualTo(newest.contains(image));
        }
      }
    }
  }

  /** Two lines by the name rule; a user's rule makes them one family (as serve does at start with --family-rules). */
  private static final String SERVICES = """
      {"Images": [
        {"ImageId": "ami-0ccc0000000000001", "Name": "svc-blue-20260101", "OwnerId": "444455556666", "CreationDate": "2026-01-01T00:00:00.000Z"},
        {"ImageId": "ami-0ccc0000000000002", "Name": "svc-green-20260201", "OwnerId": "444455556666", "CreationDate": "2026-02-01T00:00:00.000Z"}]}""";

  @Test
  void aChangeOfTheFamilyRulesChangesWhichImagesAreNewest(@TempDir Path own) {
    try (Database db = TestStores.open(own)) {
      TestApp.load(db, List.of(snapshot("eu-west-1", SERVICES)));
      try (TestApp services = TestApp.serve(db)) {
        assertThat(csvImages(services, "owner=444455556666&newest=1")).as("two families, each its own newest")
            .containsExactlyInAnyOrder("eu-west-1/ami-0ccc0000000000001", "eu-west-1/ami-0ccc0000000000002");

        amicatalog.sync.FamilyRuleStore.replace(db, List.of(amicatalog.image.FamilyRule.of("444455556666", "svc-{version}", null, "test")));
        services.search.refresh();

        assertThat(csvImages(services, "owner=444455556666&newest=1")).as("one family svc-*: the green build is newer")
            .containsExactly("eu-west-1/ami-0ccc0000000000002");
        assertThat(page(services, "/images/eu-west-1/ami-0ccc0000000000001").selectFirst("#family-standing").text())
            .startsWith("Superseded: 1 newer version");
      }
    }
  }
}
