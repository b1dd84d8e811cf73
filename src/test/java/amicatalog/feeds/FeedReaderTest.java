package amicatalog.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw feeds as a real feed reader's parser reads them: Debian's python3-feedparser (the library
 * behind many readers and planets) fetches each over HTTP with its own Accept header, and must find
 * a valid Atom 1.0 feed whose {@code <updated>} is its newest entry's time, not the time it asked.
 * A missing parser is a failure that says what to install, never a skip.
 */
@OnBothStores
class FeedReaderTest {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final String REGION = "eu-south-2";
  static final String OWNER = "444455556666";

  /** Fetches argv[1] with feedparser and prints what it understood, as JSON. */
  static final String READER = """
      import json, sys
      try:
          import feedparser
      except ImportError:
          sys.exit("python3-feedparser is missing: apt-get install python3-feedparser")
      d = feedparser.parse(sys.argv[1])
      print(json.dumps({"bozo": int(d.bozo), "problem": str(d.get("bozo_exception", "")), "version": d.version,
          "status": d.get("status"), "title": d.feed.get("title"), "updated": d.feed.get("updated"),
          "updatedParsed": list(d.feed.updated_parsed[:6]) if d.feed.get("updated_parsed") else None,
          "entries": [{"title": e.get("title"), "updated": e.get("updated"), "link": e.get("link"),
                       "updatedParsed": list(e.updated_parsed[:6])} for e in d.entries]}))
      """;

  @TempDir static Path dir;
  static TestApp app;

  /** One image family of an account of its own, in a region of its own: a version, then a newer one as the older is deprecated. */
  static String images(boolean second) {
    String first = """
        {"ImageId": "ami-0aaaabbbbcccc0001", "Name": "golden-web-20260101", "OwnerId": "%s", "Public": true,
         "Architecture": "x86_64", "State": "available", "CreationDate": "2026-01-01T00:00:00.000Z"%s}"""
        .formatted(OWNER, second ? ", \"DeprecationTime\": \"2026-05-01T00:00:00.000Z\"" : "");
    String newer = """
        , {"ImageId": "ami-0aaaabbbbcccc0002", "Name": "golden-web-20260201", "OwnerId": "%s", "Public": true,
         "Architecture": "x86_64", "State": "available", "CreationDate": "2026-02-01T00:00:00.000Z"}""".formatted(OWNER);
    return "{\"Images\": [" + first + (second ? newer : "") + "]}";
  }

  /** The catalog's first load writes no history; two imports after it give the family events. */
  static void importHistory(TestApp app) {
    for (boolean second : new boolean[] {false, true}) {
      byte[] json = images(second).getBytes(StandardCharsets.UTF_8);
      TestApp.load(app.db, List.of(new SnapshotImageSource.Snapshot(REGION, "history", () -> new ByteArrayInputStream(json))));
    }
    app.search.refresh();
  }

  static String family(TestApp app) {
    return app.db.read(h -> h.createQuery("SELECT DISTINCT family_key FROM images WHERE owner_id = ?").bind(0, OWNER)
        .mapTo(String.class).one());
  }

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, null, null);
    importHistory(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aFeedReaderFindsAValidFeedUpdatedAtItsNewestEntry() throws Exception {
    String family = family(app);
    String newest = app.db.read(h -> h.createQuery("""
            SELECT max(e.at) FROM image_events e JOIN images i ON i.id = e.image_row
            WHERE i.owner_id = ? AND i.family_key = ?""").bind(0, OWNER).bind(1, family).mapTo(String.class).one());
    JsonNode feed = read("/feeds/family.atom?owner=" + OWNER + "&family=" + family.replace("*", "%2A"));
    assertThat(feed.path("bozo").asInt()).as("well-formed, valid Atom: " + feed.path("problem").asText()).isZero();
    assertThat(feed.path("version").asText()).isEqualTo("atom10");
    assertThat(feed.path("title").asText()).contains(family);
    List<String> titles = new ArrayList<>();
    feed.path("entries").forEach(e -> titles.add(e.path("title").asText()));
    assertThat(titles).containsExactlyInAnyOrder("New in eu-south-2: golden-web-20260201",
        "Deprecated in eu-south-2: golden-web-20260101 — on 2026-05-01", "New in eu-south-2: golden-web-20260101");
    // The feed's time is its newest entry's, to the second as the reader parses both, and the catalog's newest event.
    JsonNode newestEntry = null;
    for (JsonNode e : feed.path("entries")) {
      if (newestEntry == null || compare(e.path("updatedParsed"), newestEntry.path("updatedParsed")) > 0) newestEntry = e;
    }
    assertThat(feed.path("updatedParsed")).isEqualTo(newestEntry.path("updatedParsed"));
    assertThat(feed.path("updated").asText()).isEqualTo(newestEntry.path("updated").asText()).isEqualTo(newest);
    assertThat(newestEntry.path("link").asText()).startsWith(app.base + "/images/" + REGION + "/ami-");
    // Asked again once the clock is past that second, it says the same time: nothing happened in between.
    untilTheClockPasses(newest);
    assertThat(read("/feeds/family.atom?owner=" + OWNER + "&family=" + family.replace("*", "%2A")).path("updated").asText())
        .isEqualTo(newest);
  }

  @Test
  void anEmptyFeedIsUpdatedWhenTheCatalogBeganKeepingHistoryNotWhenItWasFetched() throws Exception {
    String since = app.db.read(h -> h.createQuery("SELECT min(finished_at) FROM sync_runs WHERE status IN ('ok', 'partial')")
        .mapTo(String.class).one());
    JsonNode feed = read("/feeds/search.atom?region=" + REGION + "&q=no-image-has-this-word");
    assertThat(feed.path("bozo").asInt()).as(feed.path("problem").asText()).isZero();
    assertThat(feed.path("version").asText()).isEqualTo("atom10");
    assertThat(feed.path("entries").size()).isZero();
    assertThat(feed.path("updated").asText()).isEqualTo(since);
    untilTheClockPasses(since);
    assertThat(read("/feeds/search.atom?region=" + REGION + "&q=no-image-has-this-word").path("updated").asText()).isEqualTo(since);
  }

  /** Waits (usually not at all: the fixture's events are older) until a fetch now is in a later second than {@code time}. */
  private static void untilTheClockPasses(String time) throws InterruptedException {
    java.time.Instant after = java.time.Instant.parse(time).plusSeconds(1);
    while (java.time.Instant.now().isBefore(after)) Thread.sleep(50);
  }

  @Test
  void theSearchFeedParsesWithTheSameNewestTime() throws Exception {
    JsonNode feed = read("/feeds/search.atom?region=" + REGION);
    assertThat(feed.path("bozo").asInt()).as(feed.path("problem").asText()).isZero();
    assertThat(feed.path("entries").size()).isEqualTo(3);
    assertThat(feed.path("updated").asText()).isEqualTo(feed.path("entries").get(0).path("updated").asText());
  }

  static int compare(JsonNode a, JsonNode b) {
    for (int i = 0; i < 6; i++) {
      int c = Integer.compare(a.get(i).asInt(), b.get(i).asInt());
      if (c != 0) return c;
    }
    return 0;
  }

  /** What feedparser makes of the feed at this path of the app, fetched by itself over HTTP. */
  static JsonNode read(String path) throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) throw new IllegalStateException(PYTHON + " is missing: install Debian's python3 and python3-feedparser");
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", READER, app.url(path)).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("feedparser finished").isTrue();
    assertThat(p.exitValue()).as("feedparser ran: " + err).isZero();
    JsonNode feed = Json.read(out);
    assertThat(feed.path("status").asInt()).as("HTTP status of " + path).isEqualTo(200);
    return feed;
  }
}
