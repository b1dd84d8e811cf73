package amicatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.image.Family;
import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The audit, latest and feeds over the real demo data (Amazon's ECS-optimized and Amazon Linux
 * images, Fedora CoreOS; eu-west-1, us-east-1, ap-southeast-6), read as HTML, CSV, JSON and
 * Atom. This app has no AWS access, so copying is refused with the reason.
 */
@OnBothStores
public class AuditDemoWebTest {
  /** Hostile text in names and descriptions, which every page and the feeds must escape. */
  static final String HOSTILE = """
      {"Images": [
        {"ImageId": "ami-0badc0ffee0000011", "Name": "evil-<b>&amp;-20260101", "Description": "<script>alert(1)</script> \\u0001 & ]]>",
         "OwnerId": "999988887777", "Public": true, "Architecture": "x86_64", "State": "available",
         "CreationDate": "2026-01-01T00:00:00.000Z"},
        {"ImageId": "ami-0badc0ffee0000012", "Name": "evil-<b>&amp;-20260202", "Description": "\\"><img src=x onerror=alert(2)>",
         "OwnerId": "999988887777", "Public": true, "Architecture": "x86_64", "State": "available",
         "CreationDate": "2026-02-02T00:00:00.000Z"}]}""";

  @TempDir static Path dir;
  static TestApp app;
  FormSession visitor = new FormSession(app);

  /** A family of Amazon's that only eu-central-1 has: new, then deprecated, to give its feed events. */
  static String feedFamily(boolean firstDeprecated) {
    String first = """
        {"ImageId": "ami-0feed000000000001", "Name": "amzn2-ami-feedtest-hvm-2.0.20260301-arm64-ebs", "OwnerId": "591542846629",
         "ImageOwnerAlias": "amazon", "Public": true, "Architecture": "arm64", "State": "available",
         "CreationDate": "2026-03-01T00:00:00.000Z"%s},""".formatted(firstDeprecated ? ", \"DeprecationTime\": \"2026-05-01T00:00:00.000Z\"" : "");
    String second = """
        {"ImageId": "ami-0feed000000000002", "Name": "amzn2-ami-feedtest-hvm-2.0.20260401-arm64-ebs", "OwnerId": "591542846629",
         "ImageOwnerAlias": "amazon", "Public": true, "Architecture": "arm64", "State": "available",
         "CreationDate": "2026-04-01T00:00:00.000Z"},""";
    String hostile = HOSTILE.substring(HOSTILE.indexOf('[') + 1, HOSTILE.lastIndexOf(']'));
    return "{\"Images\": [" + first + second + hostile + "]}";
  }

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, null, null);
    // A cold load writes no history, so eu-central-1 is imported after it, twice. (An import never
    // removes images; a removal in a feed is shown against moto, in CopyMotoTest.)
    for (boolean deprecated : new boolean[] {false, true}) {
      byte[] json = feedFamily(deprecated).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      TestApp.load(app.db, List.of(new amicatalog.sync.SnapshotImageSource.Snapshot("eu-central-1", "feed",
          () -> new java.io.ByteArrayInputStream(json))));
    }
    app.search.refresh();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The matrix as the page shows it: family → region → cell class (a cell without one holds the newest version). */
  public static Map<String, Map<String, String>> matrix(Document d) {
    List<String> regions = d.select("table.matrix thead th.region").eachText();
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (Element tr : d.select("table.matrix tbody tr")) {
      Map<String, String> cells = new LinkedHashMap<>();
      List<Element> tds = tr.select("td:not(.sum)");
      assertThat(tds).hasSameSizeAs(regions);
      for (int i = 0; i < regions.size(); i++) {
        cells.put(regions.get(i), tds.get(i).classNames().stream().filter(c -> c.startsWith("c-")).findFirst().orElse("c-current"));
      }
      rows.put(tr.selectFirst(".fam-name").text(), cells);
    }
    return rows;
  }

  /**
   * The same coverage worked out here from the raw rows, independently of the audit's SQL:
   * group every live Amazon image by Family.key, find each family's newest version (the name
   * whose first image is newest) and the newest image each region holds.
   */
  static Map<String, Map<String, String>> expectedCoverage(List<String> regions, String contains) {
    record Img(String region, String name, String created) {}
    List<Img> images = app.db.read(h -> h.createQuery("""
            SELECT region, name, creation_date AS created FROM images
            WHERE owner_alias = 'amazon' AND removed_at IS NULL AND name IS NOT NULL""")
        .map((rs, ctx) -> new Img(rs.getString(1), rs.getString(2), rs.getString(3))).list());
    Map<String, List<Img>> families = new TreeMap<>();
    for (Img i : images) {
      String key = Family.key(i.name());
      if (key.toLowerCase().contains(contains)) families.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    Map<String, Map<String, String>> expected = new TreeMap<>();
    families.forEach((key, list) -> {
      Map<String, String> first = new HashMap<>();
      list.forEach(i -> first.merge(i.name(), i.created(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
      String current = first.entrySet().stream()
          .max(Map.Entry.<String, String>comparingByValue().thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
      Map<String, String> cells = new LinkedHashMap<>();
      for (String region : regions) {
        // the region's newest image; of several created at once (Fedora lists its streams together), the newest version
        Img newest = list.stream().filter(i -> i.region().equals(region))
            .max(Comparator.comparing(Img::created).thenComparing(i -> first.get(i.name())).thenComparing(Img::name))
            .orElse(null);
        String cell;
        if (newest == null) {
          cell = "c-missing";
        } else if (newest.name().equals(current)) {
          cell = "c-current";
        } else {  // an older version: far behind beyond half a year
          cell = days(first.get(newest.name()), first.get(current)) > 180 ? "c-old" : "c-older";
        }
        cells.put(region, cell);
      }
      expected.put(key, cells);
    });
    return expected;
  }

  static long days(String from, String to) {
    return java.time.Duration.between(java.time.Instant.parse(from), java.time.Instant.parse(to)).toDays();
  }

  @Test
  void theMatrixOfAmazonsEcsOptimizedFamiliesShowsTheRealCoverage() {
    Document d = visitor.page("/audit?owner=amazon&name=ecs");
    List<String> regions = d.select("table.matrix thead th.region").eachText();
    assertThat(regions).containsExactly("ap-southeast-6", "eu-central-1", "eu-west-1", "us-east-1");

    Map<String, Map<String, String>> shown = matrix(d);

    assertThat(shown).containsKeys("amzn2-ami-ecs-hvm-*-arm64-ebs", "amzn2-ami-ecs-hvm-*-x86_64-ebs",
        "al2023-ami-ecs-hvm-*-kernel-6.1-arm64", "amzn2-ami-ecs-kernel-5.10-hvm-*-x86_64-ebs", "amzn-ami-*-amazon-ecs-optimized");
    assertThat(new TreeMap<>(shown)).isEqualTo(expectedCoverage(regions, "ecs"));
    // Amazon's ECS images are in eu-west-1 and us-east-1, newest version in both; the newest region has none.
    assertThat(shown.get("amzn2-ami-ecs-hvm-*-arm64-ebs")).containsEntry("eu-west-1", "c-current")
        .containsEntry("us-east-1", "c-current").containsEntry("ap-southeast-6", "c-missing");
    assertThat(d.selectFirst(".audit-caption").text()).contains(shown.size() + " families × 4 regions");
    Element arm = d.select("table.matrix tbody tr").stream()
        .filter(tr -> tr.selectFirst(".fam-name").text().equals("amzn2-ami-ecs-hvm-*-arm64-ebs")).findFirst().orElseThrow();
    assertThat(arm.selectFirst("td.sum").text()).contains("2 current").contains("2 missing");
    assertThat(arm.selectFirst("a.copy").attr("href")).matches("/images/(eu-west-1|us-east-1)/ami-[0-9a-f]+/copy");
    assertThat(arm.selectFirst("td.c-missing a").attr("href")).contains("/copy?target=");
    assertThat(arm.select(".fam-meta a").eachAttr("href")).contains(
        "/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs",
        "/feeds/family?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs");
  }

  @Test
  void hostileNamesAreEscapedInTheMatrix() {
    HttpResponse<String> raw = visitor.get("/audit?owner=999988887777");
    Map<String, Map<String, String>> shown = matrix(FormSession.parse(raw));
    assertThat(shown).containsOnlyKeys("evil-<b>&amp;-*");
    // Only one region holds the family; both versions are there, so it holds the newest.
    assertThat(shown.get("evil-<b>&amp;-*")).containsEntry("eu-central-1", "c-current").containsEntry("us-east-1", "c-missing");
    assertThat(raw.body()).doesNotContain("<b>&amp;").contains("evil-&lt;b&gt;&amp;amp;-*");
  }

  @Test
  void regionTotalsAndFamilyTotalsAddUp() {
    Document d = visitor.page("/audit?owner=amazon&name=ecs");
    Map<String, Map<String, String>> shown = matrix(d);
    List<String> regions = d.select("table.matrix thead th.region").eachText();
    List<String> totals = d.select("table.matrix tfoot td.total").eachText();
    for (int i = 0; i < regions.size(); i++) {
      String region = regions.get(i);
      long current = shown.values().stream().filter(c -> c.get(region).equals("c-current")).count();
      assertThat(totals.get(i)).as(region).isEqualTo(Long.toString(current));
    }
  }

  @Test
  void fedoraCoreOsIsAFamilyPerArchitectureAndStreamOverEveryRegion() {
    Document d = visitor.page("/audit?owner=125523088429");
    // The stream (stable, testing, next) is read from the description by the built-in Fedora CoreOS rule (issue 12).
    assertThat(matrix(d)).containsOnlyKeys("fedora-coreos-*-x86_64 [stable]", "fedora-coreos-*-x86_64 [testing]",
        "fedora-coreos-*-x86_64 [next]", "fedora-coreos-*-aarch64 [stable]", "fedora-coreos-*-aarch64 [testing]",
        "fedora-coreos-*-aarch64 [next]");
    assertThat(matrix(d).get("fedora-coreos-*-x86_64 [stable]")).containsEntry("us-east-1", "c-current");
  }

  @Test
  void theFamilyRulesAreShownWithWhatTheyGroupAndARuleCanBeTriedBeforeItIsKept() {
    long fcos = app.db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE owner_id = '125523088429' AND removed_at IS NULL")
        .mapTo(Long.class).one());
    Document d = visitor.page("/audit?owner=125523088429");
    assertThat(d.select("#rules-in-force tbody tr").eachText()).anySatisfy(r -> assertThat(r)
        .contains("built in: Fedora CoreOS streams").contains(String.format(java.util.Locale.ROOT, "groups %,d images into 6 families", fcos)));
    assertThat(d.selectFirst("#family-rules").hasAttr("open")).isFalse();

    // One family for the three x86_64 streams: the rule the name alone gave, which the stream rule split.
    long x86 = app.db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE owner_id = '125523088429' AND removed_at IS NULL"
        + " AND " + TestStores.glob(app.db, "name", "fedora-coreos-*-x86_64")).mapTo(Long.class).one());
    Document tried = visitor.page("/audit?owner=125523088429&rule_owner=125523088429&rule_name=fedora-coreos-%7Bversion%7D-x86_64");
    assertThat(tried.selectFirst("#family-rules").hasAttr("open")).isTrue();
    assertThat(tried.selectFirst("#rule-trial").text())
        .contains(String.format(java.util.Locale.ROOT, "This rule groups %,d images into 1 family; %d of them would change family", x86, x86));
    assertThat(tried.select("#rule-trial ul li .mono").eachText()).containsExactly("fedora-coreos-*-x86_64");
    assertThat(tried.selectFirst("#rule-trial pre").text()).isEqualTo("125523088429 fedora-coreos-{version}-x86_64");

    Document withTag = visitor.page("/audit?rule_owner=amazon&rule_name=amzn2-ami-ecs-hvm-%7Bversion%7D-arm64-ebs&rule_stream=tag:Channel");
    assertThat(withTag.selectFirst("#rule-trial").text()).contains("into 1 family; 0 of them would change family");

    Document bad = visitor.page("/audit?rule_owner=amazon&rule_name=amzn2-*");
    assertThat(bad.selectFirst("#rule-error").text()).contains("{version} exactly once");
  }

  @Test
  void anAliasedAccountIdIsItsAliasesFamiliesNarrowedToThatAccount() {
    // Amazon publishes ECS-optimized images from 591542846629 (and from other accounts in opt-in regions).
    Map<String, Map<String, String>> ecsAccount = matrix(visitor.page("/audit?owner=591542846629"));
    assertThat(ecsAccount).containsKey("amzn2-ami-ecs-hvm-*-arm64-ebs").doesNotContainKey("al2023-ami-*-kernel-6.1-arm64");
    assertThat(matrix(visitor.page("/audit?owner=amazon"))).containsKeys("amzn2-ami-ecs-hvm-*-arm64-ebs", "al2023-ami-*-kernel-6.1-arm64");
  }

  @Test
  void withoutOwnImagesTheDefaultViewOffersOwnersToAudit() {
    Document d = visitor.page("/audit");
    assertThat(d.selectFirst("select[name=category] option[selected]").val()).isEqualTo("private");
    assertThat(d.select("table.matrix")).isEmpty();
    assertThat(d.selectFirst(".notice").text()).contains("no images of this account");
    assertThat(d.select("ul.picks a").eachAttr("href")).contains("/audit?owner=amazon", "/audit?owner=125523088429");
  }

  @Test
  void theCsvHasOneLinePerFamilyAndRegion() {
    HttpResponse<String> csv = visitor.get("/audit.csv?owner=amazon&name=ecs");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("owner,family,newest_version,region,status,image_id,name,created,days_behind");
    Map<String, Map<String, String>> expected = expectedCoverage(List.of("ap-southeast-6", "eu-central-1", "eu-west-1", "us-east-1"), "ecs");
    assertThat(lines).hasSize(1 + expected.size() * 4);
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("amazon,amzn2-ami-ecs-hvm-*-arm64-ebs,").contains(",ap-southeast-6,missing,"));
  }

  @Test
  void badFiltersAreClearFourHundreds() {
    HttpResponse<String> owner = visitor.get("/audit?owner=%3Cscript%3E");
    assertThat(owner.statusCode()).isEqualTo(400);
    assertThat(FormSession.parse(owner).selectFirst("main").text()).contains("is not an owner").doesNotContain("Exception");
    assertThat(visitor.get("/audit?category=secret").statusCode()).isEqualTo(400);
    assertThat(visitor.get("/audit?page=0").statusCode()).isEqualTo(400);
    assertThat(visitor.get("/audit.csv?owner=a%20b").statusCode()).isEqualTo(400);
  }

  @Test
  void theDetailPageListsRegionsWithAndWithoutACopyAndLinksToCopying() {
    String imageId = app.db.read(h -> h.createQuery("""
            SELECT image_id FROM images WHERE region = 'us-east-1' AND owner_alias = 'amazon'
              AND family_key = 'amzn2-ami-ecs-hvm-*-arm64-ebs' ORDER BY creation_date DESC LIMIT 1""")
        .mapTo(String.class).one());
    Document d = visitor.page("/images/us-east-1/" + imageId);
    assertThat(d.select("ul.copies a").eachText()).contains("eu-west-1");
    assertThat(d.selectFirst("#missing-regions h3").text()).isEqualTo("Not in 2 of 4 regions");
    assertThat(d.select("#missing-regions .region-chip").eachText()).containsExactly("ap-southeast-6", "eu-central-1");
    assertThat(d.selectFirst("#copy-to-missing").attr("href")).isEqualTo("/images/us-east-1/" + imageId + "/copy");
  }

  @Test
  void withoutAwsTheCopyFormExplainsAndAPostIsRefused() {
    String imageId = app.db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = 'us-east-1' "
        + "AND family_key = 'fedora-coreos-*-x86_64 [stable]' ORDER BY creation_date DESC LIMIT 1").mapTo(String.class).one());
    Document form = visitor.page("/images/us-east-1/" + imageId + "/copy");
    assertThat(form.selectFirst("#copy-off").text()).contains("no AWS access");
    assertThat(form.select("#check-copy")).isEmpty();
    assertThat(form.select("input[name=region]")).allSatisfy(box -> assertThat(box.hasAttr("disabled")).isTrue());

    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form.copy-form"));
    fields.put("region", List.of("eu-central-1"));
    HttpResponse<String> refused = visitor.post("/images/us-east-1/" + imageId + "/copy", fields);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(FormSession.parse(refused).selectFirst("main").text()).contains("no AWS access").contains("Nothing was copied");

    fields.put("_csrf", List.of("0".repeat(32)));
    assertThat(visitor.post("/images/us-east-1/" + imageId + "/copy", fields).statusCode()).isEqualTo(403);
    int actions = app.db.read(h -> h.createQuery("SELECT count(*) FROM actions").mapTo(Integer.class).one());
    assertThat(actions).isZero();
    assertThat(visitor.page("/audit/instances").selectFirst("#create-off").text()).contains("no AWS access");
  }

  @Test
  void latestNeedsAnOwnerAndSaysWhy() {
    HttpResponse<String> page = visitor.get("/latest?name=amzn2-ami-ecs-hvm-*-arm64-ebs");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(FormSession.parse(page).selectFirst("main").text()).contains("owner is required").contains("squatting");
    HttpResponse<String> api = visitor.get("/api/latest?name=amzn2-ami-ecs-hvm-*-arm64-ebs");
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(Json.read(api.body()).path("error").asText()).contains("owner is required");
    assertThat(visitor.page("/latest").selectFirst("#owner-required").text()).contains("squatting");
  }

  @Test
  void latestGivesTheNewestImagePerRegion() {
    JsonNode body = Json.read(visitor.get("/api/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs").body());
    Map<String, String> expected = new TreeMap<>();
    app.db.read(h -> h.createQuery("""
            SELECT region, image_id FROM images WHERE owner_alias = 'amazon'
              AND %s AND removed_at IS NULL AND state = 'available' ORDER BY creation_date, image_id"""
            .formatted(TestStores.glob(app.db, "name", "amzn2-ami-ecs-hvm-*-arm64-ebs")))
        .map((rs, ctx) -> expected.put(rs.getString(1), rs.getString(2))).list());  // the newest of each region last
    Map<String, String> ids = new TreeMap<>();
    body.path("imageIds").fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asText()));
    assertThat(ids).isEqualTo(expected).containsOnlyKeys("eu-west-1", "us-east-1");
    assertThat(body.path("images").get(0).path("name").asText()).startsWith("amzn2-ami-ecs-hvm-2.0.2026");

    Document page = visitor.page("/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs&region=eu-west-1");
    assertThat(page.select("#latest tbody tr")).hasSize(1);
    assertThat(page.selectFirst("head link[rel=alternate][type=application/atom+xml]").attr("href"))
        .as("the family's feed, announced").startsWith("/feeds/family.atom?owner=amazon&family=");
    assertThat(page.selectFirst("#latest tbody tr a").text()).isEqualTo(expected.get("eu-west-1"));
    assertThat(page.selectFirst("pre.cli").text()).contains("--owners amazon").contains("sort_by(Images, &CreationDate)[-1].ImageId");
    assertThat(visitor.get("/api/latest?owner=amazon&arch=sparc").statusCode()).isEqualTo(400);
    HttpResponse<String> yes = visitor.get("/api/latest?owner=amazon&name=amzn2-*&deprecated=yes");
    assertThat(yes.statusCode()).as("a script asking for deprecated=yes must not silently get none").isEqualTo(400);
    assertThat(yes.body()).contains("include");
    HttpResponse<String> noName = visitor.get("/api/latest?owner=amazon");
    assertThat(noName.statusCode()).as("a script that forgot the name").isEqualTo(400);
    assertThat(noName.body()).contains("name is required", "al2023-ami-2023*-x86_64");
    JsonNode none = Json.read(visitor.get("/api/latest?owner=999999999999&name=amzn2-*").body());
    assertThat(none.path("imageIds").size()).isZero();
  }

  @Test
  void theFamilyFeedIsValidAtom() throws Exception {
    HttpResponse<String> feed = visitor.get("/feeds/family.atom?owner=amazon&family=amzn2-ami-feedtest-hvm-*-arm64-ebs");
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
    org.w3c.dom.Document atom = atom(feed.body());
    org.w3c.dom.Element root = atom.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("feed");
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
    for (String required : List.of("id", "title", "updated", "author")) {
      assertThat(children(root, required)).as(required).hasSize(1);
    }
    NodeList entries = root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < entries.getLength(); i++) titles.add(text((org.w3c.dom.Element) entries.item(i), "title"));
    assertThat(titles).containsExactly(
        "Deprecated in eu-central-1: amzn2-ami-feedtest-hvm-2.0.20260301-arm64-ebs — on 2026-05-01",
        "New in eu-central-1: amzn2-ami-feedtest-hvm-2.0.20260401-arm64-ebs",
        "New in eu-central-1: amzn2-ami-feedtest-hvm-2.0.20260301-arm64-ebs");
    org.w3c.dom.Element first = (org.w3c.dom.Element) entries.item(0);
    for (String required : List.of("id", "title", "updated", "link", "content")) {
      assertThat(children(first, required)).as("entry " + required).hasSize(1);
    }
    assertThat(text(first, "content")).contains("eu-central-1: ami-0feed000000000001");
    assertThat(((org.w3c.dom.Element) children(first, "link").get(0)).getAttribute("href")).startsWith(app.base + "/images/");
    assertThat(text(first, "id")).startsWith("urn:uuid:");
    java.time.OffsetDateTime.parse(text(first, "updated"));  // RFC 3339
  }

  @Test
  void theSearchFeedFollowsTheSearchAndEscapesEverything() throws Exception {
    HttpResponse<String> feed = visitor.get("/feeds/search.atom?q=evil&arch=x86_64");
    assertThat(feed.statusCode()).isEqualTo(200);
    org.w3c.dom.Element root = atom(feed.body()).getDocumentElement();
    assertThat(text(root, "title")).contains("evil").contains("x86_64");
    NodeList entries = root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
    assertThat(entries.getLength()).isEqualTo(2);
    String content = text((org.w3c.dom.Element) entries.item(0), "content");
    assertThat(content).contains("evil-<b>&amp;-2026").contains("<img src=x onerror=alert(2)>");
    assertThat(feed.body()).doesNotContain("<img").doesNotContain("<script").doesNotContain("\u0001");
    // a facet value no image has gives an empty, still valid, feed
    org.w3c.dom.Element empty = atom(visitor.get("/feeds/search.atom?region=xx-none-1").body()).getDocumentElement();
    assertThat(empty.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isZero();
    assertThat(visitor.get("/feeds/family.atom?owner=amazon").statusCode()).isEqualTo(400);
    assertThat(visitor.get("/feeds/search.atom?kind=exploded").statusCode()).isEqualTo(400);
  }

  @Test
  void theLargestOwnersMatrixIsServedAsTheBenchTimesIt() {
    Document page = visitor.page("/audit?owner=amazon");
    assertThat(page.select("table.matrix thead th.region")).hasSize(4);
    assertThat(page.select("table.matrix tbody tr")).hasSizeGreaterThan(40);
    assertThat(page.selectFirst("table.matrix").text()).contains("amzn2-ami-ecs-hvm-*-arm64-ebs");
    // A big owner's matrix has thousands of cells (Amazon's in the whole demo, 2,890): each stays
    // small, named by a reference to its column's phrase, with no hover text of its own.
    for (String kind : List.of("td:not([class])", "td.c-missing")) {
      List<Element> cells = page.select("table.matrix tbody " + kind);
      assertThat(cells).as(kind).isNotEmpty();
      int bytes = cells.stream().mapToInt(c -> c.outerHtml().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
      // "newest version" cells, the most: 74 bytes each in the whole demo; "copy to" ones, 130 (they were 200 and 150)
      assertThat(bytes / cells.size()).as("bytes per " + kind).isLessThan(kind.contains("missing") ? 140 : 80);
    }
    assertThat(page.select("table.matrix tbody td[title], table.matrix tbody td [title]")).isEmpty();
  }

  private static org.w3c.dom.Document atom(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static List<org.w3c.dom.Node> children(org.w3c.dom.Element parent, String name) {
    List<org.w3c.dom.Node> found = new ArrayList<>();
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof org.w3c.dom.Element e && name.equals(e.getLocalName())
          && "http://www.w3.org/2005/Atom".equals(e.getNamespaceURI())) {
        found.add(n);
      }
    }
    return found;
  }

  private static String text(org.w3c.dom.Element parent, String name) {
    return children(parent, name).get(0).getTextContent();
  }
}
