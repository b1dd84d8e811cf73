package amicatalog.sync;

import amicatalog.common.Json;
import amicatalog.db.Database;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a change of an image means in its history. A DeprecationTime set for a future date is a
 * deprecation scheduled, not done: it is recorded as 'deprecation-scheduled', and as 'deprecated'
 * once the date passes (noticed at the end of every sync and by serve's periodic check).
 * Becoming public is news of its own ('made-public'); everything else is 'changed'.
 */
public final class Deprecations {
  private Deprecations() {}

  private record Due(long id, String deprecationTime) {}

  /** Whether a deprecation time (ISO, any offset) is at or before {@code now}; false for none or unreadable. */
  static boolean passed(String deprecationTime, String now) {
    if (deprecationTime == null) return false;
    // Two UTC times as AWS and Instant write them compare as text to the second (a sync asks this
    // of every image it writes; parsing both cost more than the write).
    if (deprecationTime.length() >= 20 && now.length() >= 20 && deprecationTime.endsWith("Z") && now.endsWith("Z")
        && isUtcSecondShape(deprecationTime) && isUtcSecondShape(now)) {
      int bySecond = deprecationTime.substring(0, 19).compareTo(now.substring(0, 19));
      if (bySecond != 0) return bySecond < 0;
    }
    try {
      return !OffsetDateTime.parse(deprecationTime).toInstant().isAfter(Instant.parse(now));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** YYYY-MM-DDTHH:MM:SS then a fraction or Z: the shape whose text order is its time order. */
  private static boolean isUtcSecondShape(String t) {
    return t.charAt(4) == '-' && t.charAt(7) == '-' && t.charAt(10) == 'T' && t.charAt(13) == ':' && t.charAt(16) == ':'
        && (t.charAt(19) == '.' || t.charAt(19) == 'Z');
  }

  /** The events one update of an image writes, kind → detail, from its {field: [old, new]} differences. */
  static Map<String, Map<String, Object>> events(Map<String, List<Object>> diff, String now) {
    Map<String, Map<String, Object>> events = new LinkedHashMap<>();
    Map<String, Object> changed = new LinkedHashMap<>(diff);
    @SuppressWarnings("unchecked")
    List<Object> deprecation = (List<Object>) changed.remove("deprecationTime");
    if (deprecation != null && deprecation.get(1) != null) {
      String when = (String) deprecation.get(1);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("deprecationTime", when);
      if (deprecation.get(0) != null) detail.put("previous", deprecation.get(0));
      events.put(passed(when, now) ? "deprecated" : "deprecation-scheduled", detail);
    } else if (deprecation != null) {
      changed.put("deprecationTime", deprecation);  // a deprecation withdrawn
    }
    @SuppressWarnings("unchecked")
    List<Object> isPublic = (List<Object>) changed.get("isPublic");
    if (isPublic != null && Boolean.TRUE.equals(isPublic.get(1))) {
      Map<String, Object> madePublic = new LinkedHashMap<>();
      madePublic.put("isPublic", changed.remove("isPublic"));
      if (changed.containsKey("category")) madePublic.put("category", changed.remove("category"));
      events.put("made-public", madePublic);
    }
    if (!changed.isEmpty()) events.put("changed", changed);
    return events;
  }

  /**
   * Records 'deprecated', dated when it happened, for every live image whose deprecation time has
   * passed since it was set; answers how many. Called by the one writer (the indexer's).
   */
  public static int notePassed(Database db) {
    return notePassed(db, Instant.now());
  }

  static int notePassed(Database db, Instant clock) {
    String now = clock.toString();
    // As text, "…:05Z" and "…:05.123Z" sort after "…:05.123456Z": the index narrows to the times up
    // to the end of this second ('~' sorts after any fraction or 'Z'), and passed() decides by the clock.
    String endOfThisSecond = now.substring(0, 19) + "~";
    return db.write(h -> {
      List<Due> due = h.createQuery("""
              SELECT id, deprecation_time FROM images
              WHERE deprecation_time IS NOT NULL AND deprecation_noted IS DISTINCT FROM deprecation_time
                AND deprecation_time <= ? AND removed_at IS NULL""")
          .bind(0, endOfThisSecond).mapTo(Due.class).list();
      int noted = 0;
      for (Due d : due) {
        if (!passed(d.deprecationTime(), now)) continue;  // an offset that sorts early as text
        // The row is marked first, and only by the process whose update changes it: replicas on one
        // PostgreSQL store check at the same time, and the second waits for the first's row and then
        // finds it noted.
        int marked = h.execute("UPDATE images SET deprecation_noted = deprecation_time, last_changed = ?"
            + " WHERE id = ? AND deprecation_time = ? AND deprecation_noted IS DISTINCT FROM deprecation_time",
            now, d.id(), d.deprecationTime());
        if (marked == 0) continue;
        noted++;
        h.execute("INSERT INTO image_events (image_row, at, kind, detail, listing_id) VALUES (?, ?, 'deprecated', ?, NULL)",
            d.id(), d.deprecationTime(), Json.write(Map.of("deprecationTime", d.deprecationTime())));
      }
      return noted;
    });
  }
}
