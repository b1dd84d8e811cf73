package amicatalog.image;

import amicatalog.common.Dates;
import amicatalog.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a 'removed' event keeps as its detail when this catalog deregistered the image (the
 * clean-up): who did it, the action of the clean-up log, and the snapshots deleted with it. The
 * clean-up writes it; the image page and the feeds say it in words. A sync's 'removed' event has
 * no detail: the sync stopped seeing the image. {@code by} is null and {@code deletedSnapshots}
 * null in the events of the first clean-up, which recorded only the action.
 */
public record Deregistration(String by, long action, List<String> deletedSnapshots) {
  private static final String MARK = "deregisteredBy";

  public String json() {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put(MARK, "this catalog");
    detail.put("action", action);
    detail.put("by", by);
    detail.put("deletedSnapshots", deletedSnapshots);
    return Json.write(detail);
  }

  public Deregistration withDeleted(List<String> snapshots) {
    return new Deregistration(by, action, List.copyOf(snapshots));
  }

  /** The deregistration an event records, or null: another kind, or a removal a sync saw. */
  public static Deregistration of(String kind, String detail) {
    if (!"removed".equals(kind) || detail == null || detail.isBlank()) return null;
    JsonNode d = Json.read(detail);
    if (!d.has(MARK)) return null;
    List<String> deleted = null;
    if (d.path("deletedSnapshots").isArray()) {
      deleted = new ArrayList<>();
      for (JsonNode s : d.path("deletedSnapshots")) deleted.add(s.asText());
    }
    return new Deregistration(d.hasNonNull("by") ? d.path("by").asText() : null, d.path("action").asLong(0), deleted);
  }

  /**
   * "Deregistered through this catalog by otto on 2025-06-01 10:00 UTC, with its snapshot snap-… deleted",
   * {@code when} as the page writes the event's time.
   */
  public String sentence(String when) {
    StringBuilder s = new StringBuilder("Deregistered through this catalog");
    if (by != null) s.append(" by ").append(by);
    s.append(" on ").append(when);
    if (deletedSnapshots != null) {
      s.append(deletedSnapshots.isEmpty() ? ", no snapshot deleted"
          : ", with its " + (deletedSnapshots.size() == 1 ? "snapshot " : "snapshots ") + String.join(", ", deletedSnapshots) + " deleted");
    }
    return s.toString();
  }

  /** {@link #sentence} with the event's time as a day and an hour. */
  public static String when(String at) {
    return Dates.day(at) + (at != null && at.length() >= 16 ? " " + at.substring(11, 16) + " UTC" : "");
  }
}
