package amicatalog.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.sync.Deprecations;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the history says, as describe-images files imported one after another show it: a future
 * deprecation is scheduled, not done, until its date passes; becoming public is news of its own;
 * a change names its fields and old → new values; a removal says whether the sync stopped seeing the
 * image or this catalog deregistered it.
 */
@OnBothStores
class HistoryMeaningTest {
  static final String REGION = "eu-south-2";
  static final String ID = "ami-0aaaabbbbccccdd01";

  @TempDir Path dir;
  TestApp app;

  @BeforeEach
  void start() {
    app = TestApp.start(dir, REGION, image(null, false, "team", "base"));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  static String image(String deprecationTime, boolean isPublic, String tagKey, String tagValue) {
    return """
        {"Images": [{"ImageId": "%s", "Name": "golden-base-20260101", "OwnerId": "444455556666", "Public": %s,
          "Architecture": "x86_64", "State": "available", "CreationDate": "2026-01-01T00:00:00.000Z"%s,
          "Tags": [{"Key": "%s", "Value": "%s"}]}]}""".formatted(ID, isPublic,
        deprecationTime == null ? "" : ", \"DeprecationTime\": \"" + deprecationTime + "\"", tagKey, tagValue);
  }

  void importAgain(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    TestApp.load(app.db, List.of(new SnapshotImageSource.Snapshot(REGION, "again", () -> new ByteArrayInputStream(bytes))));
    app.search.refresh();
  }

  List<String> kinds() {
    return app.db.read(h -> h.createQuery("""
            SELECT e.kind FROM image_events e JOIN images i ON i.id = e.image_row
            WHERE i.region = ? AND i.image_id = ? ORDER BY e.id""").bind(0, REGION).bind(1, ID).mapTo(String.class).list());
  }

  Document feed(String query) {
    return Jsoup.parse(app.get("/feeds/search.atom?region=" + REGION + query).body(), "", Parser.xmlParser());
  }

  static String q(String words) {
    return "&q=" + java.net.URLEncoder.encode(words, StandardCharsets.UTF_8);
  }

  /** The deprecated facet's "yes" count for the region (a value no image has would be ignored as a filter). */
  int deprecatedImages() {
    JsonNode json = Json.read(app.get("/api/images?region=" + REGION).body());
    for (JsonNode v : json.path("facets").path("deprecated")) {
      if ("yes".equals(v.path("value").asText())) return v.path("count").asInt();
    }
    return 0;
  }

  @Test
  void aFutureDeprecationIsScheduledAndBecomesDeprecatedWhenItsDatePasses() throws Exception {
    importAgain(image("2030-06-01T00:00:00.000Z", false, "team", "base"));

    assertThat(kinds()).endsWith("deprecation-scheduled");
    assertThat(deprecatedImages()).isZero();
    assertThat(feed("").select("entry > title").eachText())
        .contains("Deprecation scheduled in " + REGION + ": golden-base-20260101 — on 2030-06-01")
        .noneMatch(t -> t.startsWith("Deprecated"));

    // Moved to a date three seconds from now: scheduled again, then deprecated once it has passed.
    // On a loaded machine the import itself may outlast the three seconds, and then the sync's own
    // check at its end records the deprecation: "not yet" is asserted only while the date is ahead.
    String soon = Instant.now().plusSeconds(3).toString();
    importAgain(image(soon, false, "team", "base"));
    assertThat(kinds()).contains("deprecation-scheduled").filteredOn("deprecation-scheduled"::equals).hasSize(2);
    int early = Deprecations.notePassed(app.db);
    if (Instant.now().isBefore(Instant.parse(soon))) assertThat(early).as("not yet").isZero();
    while (Instant.now().isBefore(Instant.parse(soon))) Thread.sleep(50);  // the date comes
    Deprecations.notePassed(app.db);
    assertThat(kinds().stream().filter("deprecated"::equals)).as("recorded when the date passed").hasSize(1);
    assertThat(Deprecations.notePassed(app.db)).as("recorded once").isZero();
    app.search.refresh();

    assertThat(kinds()).endsWith("deprecated");
    assertThat(deprecatedImages()).isEqualTo(1);
    Document entries = feed("");
    assertThat(entries.select("entry > title").eachText()).contains("Deprecated in " + REGION + ": golden-base-20260101 — on "
        + soon.substring(0, 10));
    assertThat(entries.select("entry").first().selectFirst("updated").text()).startsWith(soon.substring(0, 19));  // dated when it happened
    Document detail = Jsoup.parse(app.get("/images/" + REGION + "/" + ID).body());
    assertThat(detail.text()).contains("Deprecated since");
  }

  @Test
  void becomingPublicIsItsOwnNewsAndAChangeSaysWhatChanged() {
    importAgain(image(null, true, "team", "platform"));

    assertThat(kinds()).contains("made-public", "changed");
    Document defaults = feed("");
    assertThat(defaults.select("entry > title").eachText()).contains("Made public in " + REGION + ": golden-base-20260101")
        .noneMatch(t -> t.startsWith("Changed"));
    assertThat(defaults.select("entry").first().selectFirst("content").text()).contains("isPublic: false → true");
    Document changes = feed("&kind=changed");
    assertThat(changes.select("entry > title").eachText()).contains("Changed in " + REGION + ": golden-base-20260101 (tags)");
    assertThat(changes.selectFirst("entry content").text()).contains("tags: ").contains("base").contains("→").contains("platform");
  }

  /**
   * The search feed's words (SQLite's full-text index, which holds the images with history since
   * V13) find an image by what it says now, once it has history, and still when it is gone.
   */
  @Test
  void aSearchFeedFindsAnImageByItsWordsNowAndAfterItIsGone() {
    assertThat(feed(q("golden")).select("entry")).as("loaded once: no history yet").isEmpty();

    importAgain(image(null, false, "team", "payments"));  // its first event
    assertThat(feed(q("payments") + "&kind=changed").select("entry > title").eachText())
        .containsExactly("Changed in " + REGION + ": golden-base-20260101 (tags)");
    assertThat(feed(q("golden-base") + "&kind=changed").select("entry")).hasSize(1);
    assertThat(feed(q("golden -payments") + "&kind=changed").select("entry")).as("excluded by its tag").isEmpty();

    importAgain(image(null, false, "team", "billing"));  // changed again, with history already
    assertThat(feed(q("billing") + "&kind=changed").select("entry > title").eachText())
        .containsExactly("Changed in " + REGION + ": golden-base-20260101 (tags)");
    assertThat(feed(q("payments") + "&kind=changed").select("entry")).as("its old tag is no longer its words").isEmpty();

    // A complete listing of the region (as EC2's is) that no longer has it: deregistered.
    amicatalog.sync.ImageSource deregistered = new amicatalog.sync.ImageSource() {
      @Override public void list(String region, amicatalog.image.Scope scope, PageConsumer pages) {}
      @Override public boolean listingsAreComplete() { return true; }
    };
    new amicatalog.sync.Indexer(app.db).run("test", List.of(REGION), java.util.EnumSet.of(amicatalog.image.Scope.IMPORT),
        deregistered, amicatalog.sync.SyncListener.NONE);
    assertThat(kinds()).endsWith("removed");
    assertThat(feed(q("billing") + "&kind=removed").select("entry > title").eachText())
        .containsExactly("Gone from " + REGION + ": golden-base-20260101");
    assertThat(feed(q("\"team billing\"")).select("entry > title").eachText())
        .containsExactly("Gone from " + REGION + ": golden-base-20260101");  // the default kinds leave out "changed"
  }

  @Test
  void aRemovalSaysWhetherTheSyncStoppedSeeingTheImageOrThisCatalogDeregisteredIt() {
    // As a complete listing that no longer sees it leaves it (an import never tombstones): gone, with a bare 'removed' event.
    app.db.write(h -> h.execute("""
        INSERT INTO image_events (image_row, at, kind, detail)
        SELECT id, '2026-03-04T05:06:07Z', 'removed', NULL FROM images WHERE region = ? AND image_id = ?""", REGION, ID));
    app.db.write(h -> h.execute("UPDATE images SET removed_at = '2026-03-04T05:06:07Z' WHERE region = ? AND image_id = ?", REGION, ID));
    assertThat(kinds()).endsWith("removed");
    Document gone = Jsoup.parse(app.get("/images/" + REGION + "/" + ID).body());
    assertThat(gone.selectFirst("#gone-notice").text()).startsWith("This image is gone: the sync of " + REGION + " stopped seeing it on ")
        .endsWith("It was deregistered, or is no longer shared with this account.");

    // The first clean-up recorded only its action: said in words all the same, never as raw fields.
    app.db.write(h -> h.execute("""
        UPDATE image_events SET detail = '{"deregisteredBy":"this catalog","action":7}'
        WHERE kind = 'removed' AND image_row = (SELECT id FROM images WHERE region = ? AND image_id = ?)""", REGION, ID));
    Document page = Jsoup.parse(app.get("/images/" + REGION + "/" + ID).body());
    assertThat(page.selectFirst("#gone-notice").text()).startsWith("This image is gone. Deregistered through this catalog on ")
        .doesNotContain("sync");
    assertThat(page.selectFirst("#history li:has(.kind.removed) div").text())
        .isEqualTo("Deregistered through this catalog on 2026-03-04 05:06 UTC.");
    assertThat(feed("").select("entry").stream().filter(e -> e.selectFirst("title").text().startsWith("Gone from "))
        .findFirst().orElseThrow().selectFirst("content").text())
        .contains("Deregistered through this catalog on 2026-03-04 05:06 UTC.").doesNotContain("deregisteredBy");
  }

  @Test
  void anOwnerByAccountIdFindsItsImagesWhenTheFacetListsThemUnderAnAlias() {
    long fromAccount = app.db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE owner_id = '591542846629'"
        + " AND removed_at IS NULL").mapTo(Long.class).one());
    long underTheAlias = app.db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE owner_id = '591542846629'"
        + " AND owner_alias = 'amazon' AND removed_at IS NULL").mapTo(Long.class).one());
    assertThat(underTheAlias).as("the demo has this account's images under the amazon alias").isPositive();

    JsonNode byId = Json.read(app.get("/api/images?owner=591542846629").body());
    assertThat(byId.path("total").asLong()).isEqualTo(fromAccount);
    assertThat(byId.path("ignored")).isEmpty();
    JsonNode both = Json.read(app.get("/api/images?owner=591542846629&owner=amazon").body());
    assertThat(both.path("total").asLong()).isGreaterThanOrEqualTo(fromAccount);

    Document page = Jsoup.parse(app.get("/?owner=591542846629").body());
    assertThat(page.select(".chip").eachText()).anyMatch(c -> c.contains("591542846629"));
    // The facet shows the alias with the accounts behind it: an alias is a name, the account is what to check.
    assertThat(page.select("section.facet[data-facet=owner] li a .v").eachText())
        .anyMatch(l -> l.startsWith("amazon (") && l.matches(".*\\d{12}.*"));
  }
}
