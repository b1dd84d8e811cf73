package amicatalog.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed link opens a page for people: what the feed follows, what it carries, the address to
 * give a feed reader and the raw Atom, and its entries now, or, when it has none, the honest
 * reason (a catalog loaded once has no history; a quiet family has had none). Feed readers keep
 * the raw Atom at its own address, whatever they send as Accept, and find it announced in the page.
 * Two catalogs: one with history (two imports after the first load), one loaded once.
 */
@OnBothStores
class FeedPageWebTest {
  @TempDir static Path withHistoryDir;
  @TempDir static Path loadedOnceDir;
  static TestApp withHistory;
  static TestApp loadedOnce;
  static String family;
  static final String OWNER = FeedReaderTest.OWNER;

  @BeforeAll
  static void start() {
    withHistory = TestApp.start(withHistoryDir, null, null);
    FeedReaderTest.importHistory(withHistory);
    family = FeedReaderTest.family(withHistory);
    loadedOnce = TestApp.start(loadedOnceDir, null, null);
  }

  @AfterAll
  static void stop() {
    withHistory.close();
    loadedOnce.close();
  }

  static String query() {
    return "?owner=" + OWNER + "&family=" + family;
  }

  @Test
  void aFamilysFeedPageSaysWhatItFollowsAndHowToSubscribe() {
    HttpResponse<String> response = withHistory.get("/feeds/family" + query());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    Document page = FormSession.parse(response);
    assertThat(page.selectFirst("h1").text()).isEqualTo("Feed: Image family " + family + " (" + OWNER + ")");
    assertThat(page.selectFirst(".detail-head .sub").text()).contains("It follows the images of " + OWNER + "'s family " + family);
    assertThat(page.selectFirst(".detail-head .sub a").attr("href")).isEqualTo("/audit?owner=" + OWNER + "&name=golden-web-*");
    // The address to copy is the raw Atom's, whole; the page links it and announces it to a reader given the page.
    String atom = "/feeds/family.atom" + query();
    assertThat(page.selectFirst("label[for=feed-url]").text()).isEqualTo("Feed address");
    assertThat(page.selectFirst("input#feed-url").val()).isEqualTo(withHistory.base + atom);
    assertThat(page.selectFirst("#subscribe-h + p").text()).contains("Copy this address into your feed reader");
    assertThat(page.selectFirst("a#raw-atom").attr("href")).isEqualTo(atom);
    assertThat(page.selectFirst("head link[rel=alternate][type=application/atom+xml]").attr("href")).isEqualTo(atom);
    // What it carries: the default kinds, each explained; field changes only when asked for.
    assertThat(page.select(".feed-kinds li").eachText()).hasSize(5)
        .anySatisfy(k -> assertThat(k).startsWith("appeared: a new image"))
        .anySatisfy(k -> assertThat(k).startsWith("removed: "))
        .noneSatisfy(k -> assertThat(k).startsWith("changed"));
    assertThat(withHistory.get("/feeds/family" + query() + "&kind=changed").body()).contains("changed</span>: a changed field");
    // Its entries now: the feed's own, newest first, each linking the image.
    Document feed = Jsoup.parse(withHistory.get(atom).body(), "", Parser.xmlParser());
    assertThat(page.select("#feed-entries li a").eachText()).isEqualTo(feed.select("entry > title").eachText()).hasSize(3);
    assertThat(page.select("#feed-entries li a").eachAttr("href")).allSatisfy(href -> assertThat(href).startsWith("/images/eu-south-2/ami-"));
    assertThat(page.select("#feed-empty")).isEmpty();
    String updated = feed.selectFirst("feed > updated").text();
    assertThat(page.selectFirst("#entries-h + p").text()).isEqualTo("Updated " + updated.substring(0, 10) + " "
        + updated.substring(11, 16) + " UTC.");
  }

  @Test
  void theRawAtomStaysAtomForAReaderWhateverItAccepts() {
    String atom = "/feeds/family.atom" + query();
    for (String accept : List.of("application/atom+xml", "*/*", "application/atom+xml, application/rss+xml;q=0.9, */*;q=0.8",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")) {
      HttpResponse<String> r = withHistory.send(HttpRequest.newBuilder(URI.create(withHistory.url(atom))).header("Accept", accept).build());
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(accept).startsWith("application/atom+xml");
      assertThat(r.body()).as(accept).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    }
  }

  @Test
  void theLinksPeopleClickOpenTheFeedsPageAndTheHeadsAnnounceTheRawAtom() {
    FormSession visitor = new FormSession(withHistory);
    // The audit: each family's row offers its feed's page.
    Document audit = visitor.page("/audit?owner=" + OWNER);
    Element row = audit.select("table.matrix tbody tr").stream()
        .filter(tr -> tr.selectFirst(".fam-name").text().equals(family)).findFirst().orElseThrow();
    String feedPage = row.selectFirst(".fam-meta a:contains(feed)").attr("href");
    assertThat(feedPage).isEqualTo("/feeds/family?owner=" + OWNER + "&family=golden-web-*");
    assertThat(visitor.page(feedPage).select("#feed-entries li")).hasSize(3);
    assertThat(audit.select("#feeds-note")).as("a catalog with history says nothing of empty feeds").isEmpty();

    // The latest page: the feed of the family its rows belong to (the name is a pattern; a feed follows a family).
    Document latest = visitor.page("/latest?owner=" + OWNER + "&name=golden-*");
    assertThat(latest.select("#latest-feeds a").eachAttr("href")).containsExactly(feedPage);
    assertThat(latest.selectFirst("#latest-feeds").text()).startsWith("Subscribe to this family's feed:").doesNotContain("empty");
    assertThat(latest.selectFirst("head link[rel=alternate][type=application/atom+xml]").attr("href"))
        .isEqualTo("/feeds/family.atom?owner=" + OWNER + "&family=golden-web-*");

    // The search: its feed's page in the page, its Atom in the head; the page follows the same search.
    Document search = visitor.page("/?q=golden&region=eu-south-2");
    String searchFeedPage = search.selectFirst("a:contains(Atom feed)").attr("href");
    assertThat(searchFeedPage).startsWith("/feeds/search?").contains("q=golden", "region=eu-south-2");
    assertThat(search.selectFirst("head link[rel=alternate][type=application/atom+xml]").attr("href"))
        .isEqualTo(searchFeedPage.replace("/feeds/search?", "/feeds/search.atom?"));
    Document searchFeed = visitor.page(searchFeedPage);
    assertThat(searchFeed.selectFirst("h1").text()).startsWith("Feed: Images: “golden”");
    assertThat(searchFeed.select("#feed-entries li")).hasSize(3);
    assertThat(searchFeed.selectFirst(".detail-head .sub a").attr("href")).startsWith("/?").contains("q=golden");
  }

  @Test
  void aQuietFamilyInACatalogWithHistorySaysNothingHappenedToIt() {
    Document page = new FormSession(withHistory).page("/feeds/family?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs");
    assertThat(page.select("#feed-entries")).isEmpty();
    assertThat(page.selectFirst("#feed-empty").text()).startsWith("No entries: none of these events has happened to this family"
        + " since the catalog began keeping history on 20");
    Document latest = new FormSession(withHistory).page("/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs");
    assertThat(latest.selectFirst("#latest-feeds").text()).contains("(empty so far: nothing has happened to this family");
  }

  @Test
  void inACatalogLoadedOnceEveryFeedSaysItIsEmptyForWantOfHistory() {
    FormSession visitor = new FormSession(loadedOnce);
    String since = loadedOnce.db.read(h -> h.createQuery("SELECT min(finished_at) FROM sync_runs WHERE status = 'ok'")
        .mapTo(String.class).one());
    Document page = visitor.page("/feeds/family?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs");
    assertThat(page.selectFirst("#feed-empty").text()).isEqualTo("Empty, because this catalog has no history yet: it was loaded on "
        + since.substring(0, 10) + ", and a first load records no events (every image would be new). The first sync that finds"
        + " one of these events for this family adds an entry.");
    assertThat(page.selectFirst("input#feed-url").val()).endsWith("/feeds/family.atom?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs");
    assertThat(visitor.page("/feeds/search?q=ecs").selectFirst("#feed-empty").text())
        .contains("no history yet").contains("for the images this search finds");

    Document audit = visitor.page("/audit?owner=amazon&name=ecs");
    assertThat(audit.selectFirst("#feeds-note").text()).startsWith("The feeds of these families are empty for now: this catalog has no history yet");
    assertThat(audit.select(".fam-meta a:contains(feed)").eachAttr("href")).allSatisfy(href -> assertThat(href).startsWith("/feeds/family?owner=amazon&family="));

    Document latest = visitor.page("/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs");
    assertThat(latest.selectFirst("#latest-feeds").text()).contains("(empty for now: the catalog has no history yet");
  }

  @Test
  void aFeedPageWithoutItsFamilyIsAClearFourHundred() {
    HttpResponse<String> noFamily = withHistory.get("/feeds/family?owner=amazon");
    assertThat(noFamily.statusCode()).isEqualTo(400);
    assertThat(FormSession.parse(noFamily).selectFirst("main").text()).contains("A family feed needs owner").doesNotContain("Exception");
    assertThat(withHistory.get("/feeds/search?kind=exploded").statusCode()).isEqualTo(400);
    assertThat(withHistory.get("/feeds/family?owner=%3Cscript%3E&family=x").statusCode()).isEqualTo(400);
  }
}
