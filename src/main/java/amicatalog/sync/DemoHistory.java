package amicatalog.sync;

import amicatalog.common.Dates;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.db.Dialect;
import amicatalog.image.ImageRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's Fedora CoreOS history (manifest.json's "history", which tools/make_demo_catalog.py
 * writes from the stream files' commit history): per release its stream, when the stream files
 * first listed it, and when the stream moved on to its next release ("left").
 *
 * <p>The demo imports every image in one run (a cold load: no events), the images of a release
 * that left its stream already deprecated since then: that DeprecationTime is derived, not
 * Fedora's, and {@link #note} says so on the pages. Then, in one transaction, it writes the
 * history a catalog that had synced at each change of the streams would hold: 'appeared' when
 * the release was first listed, 'deprecated' when it left, first seen and last changed then.
 *
 * <p>Written directly rather than replayed as 301 runs of the indexer (one per change of the
 * streams): measured on two loaded cores, that replay added about 60 s of CPU to the first start
 * (7,312 tiny listings, each a dozen statements), one run per month still about 15 s and dated
 * every event at its month's end; this transaction takes a fraction of a second.
 */
record DemoHistory(String ownerId, String namePrefix, String note, String explanation, List<String> derived,
    Map<String, Release> releases) {
  /** What the pages say beside this history. */
  static final String HISTORY_NOTE = "demo: replayed from the Fedora CoreOS stream files when the demo was loaded;"
      + " each time is when the stream files first listed the release, or moved on from it";

  record Release(String stream, Instant listed, Instant left) {}

  /** One image the history covers: where it is and its release. */
  record Seen(String region, String imageId, Release release) {}

  static DemoHistory of(JsonNode history) {
    Map<String, Release> releases = new HashMap<>();
    history.path("releases").fields().forEachRemaining(e -> releases.put(e.getKey(), new Release(
        e.getValue().path("stream").asText(), Instant.parse(e.getValue().path("listed").asText()),
        e.getValue().hasNonNull("left") ? Instant.parse(e.getValue().path("left").asText()) : null)));
    List<String> derived = new ArrayList<>();
    history.path("derived").forEach(f -> derived.add(f.asText()));
    return new DemoHistory(history.path("ownerId").asText(), history.path("namePrefix").asText(),
        history.path("note").asText(), history.path("explanation").asText(), List.copyOf(derived), Map.copyOf(releases));
  }

  /** What catalog_meta keeps for the pages ({@link amicatalog.image.DerivedFields}). */
  Map<String, Object> derivedMeta() {
    return Map.of("ownerId", ownerId, "fields", derived, "note", note, "explanation", explanation, "history", HISTORY_NOTE);
  }

  /** The image's release in the table, by its name (fedora-coreos-RELEASE-ARCH); null when the history does not cover it. */
  Release release(ImageRecord image) {
    String name = image.name();
    if (!ownerId.equals(image.ownerId()) || name == null || !name.startsWith(namePrefix)) return null;
    int arch = name.lastIndexOf('-');
    return arch <= namePrefix.length() ? null : releases.get(name.substring(namePrefix.length(), arch));
  }

  /** The image as the demo imports it: deprecated since its release left its stream (derived), if it did. */
  static ImageRecord asImported(ImageRecord image, Release release) {
    if (release.left() == null || image.deprecationTime() != null) return image;
    return ImageRecord.fromJson(image.ec2Json().put("DeprecationTime", deprecationTime(release)));
  }

  private static String deprecationTime(Release release) {
    return Dates.utc(release.left().toString());
  }

  /**
   * Writes the history of the imported images {@code seen}, in one transaction: events in the order
   * they happened (as the indexer and the deprecation check write them, with no listing), and
   * each image's first seen and last changed times. Answers the number of events.
   */
  static int write(Database db, List<Seen> seen) {
    List<List<String>> rows = new ArrayList<>(seen.size());
    for (Seen s : seen) {
      Release r = s.release();
      rows.add(java.util.Arrays.asList(s.region(), s.imageId(), r.listed().toString(),
          r.left() == null ? null : r.left().toString(),
          r.left() == null ? null : Json.write(java.util.Map.of("deprecationTime", deprecationTime(r)))));
    }
    return db.write(h -> {
      h.execute("""
          CREATE TEMP TABLE demo_history AS
          SELECT d.value ->> 0 AS region, d.value ->> 1 AS image_id, d.value ->> 2 AS listed, d.value ->> 3 AS left_at,
                 d.value ->> 4 AS deprecated
          FROM %s""".formatted(Dialect.of(h).tuples("?", "d")), Json.write(rows));
      int events = h.execute("""
          INSERT INTO image_events (image_row, at, kind, detail, listing_id)
          SELECT id, at, kind, detail, NULL FROM (
            SELECT i.id, d.listed AS at, 'appeared' AS kind, NULL AS detail, 0 AS happened
            FROM demo_history d JOIN images i ON i.region = d.region AND i.image_id = d.image_id
            UNION ALL
            SELECT i.id, d.left_at, 'deprecated', d.deprecated, 1
            FROM demo_history d JOIN images i ON i.region = d.region AND i.image_id = d.image_id
            WHERE d.left_at IS NOT NULL) AS history
          ORDER BY at, happened, id""");
      h.execute("""
          UPDATE images SET first_seen = d.listed, last_changed = coalesce(d.left_at, d.listed)
          FROM demo_history d WHERE images.region = d.region AND images.image_id = d.image_id""");
      h.execute("DROP TABLE demo_history");
      return events;
    });
  }
}
