package amicatalog.feeds;

import amicatalog.common.Json;
import amicatalog.image.Deregistration;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** What one history event says in a feed: its title, and the fields that changed with their old → new values. */
final class EventText {
  private static final int LONGEST_VALUE = 200;

  private EventText() {}

  static String title(String kind, String where, String label, String detail) {
    return switch (kind) {
      case "appeared" -> "New in " + where + ": " + label;
      case "deprecated" -> "Deprecated in " + where + ": " + label + when(detail);
      case "deprecation-scheduled" -> "Deprecation scheduled in " + where + ": " + label + when(detail);
      case "made-public" -> "Made public in " + where + ": " + label;
      case "changed" -> changed(where, label, detail);
      case "removed" -> "Gone from " + where + ": " + label;
      default -> "Changed in " + where + ": " + label + fieldsSaid(detail);
    };
  }

  /**
   * One line per changed field, "tags: {…} → {…}"; the deprecation date and what it was before; who
   * deregistered an image through this catalog, and when ({@code at}, the event's time).
   */
  static List<String> lines(String kind, String detail, String at) {
    List<String> lines = new ArrayList<>();
    if (detail == null || detail.isBlank()) return lines;
    Deregistration deregistration = Deregistration.of(kind, detail);
    if (deregistration != null) {
      lines.add(deregistration.sentence(Deregistration.when(at)) + ".");
      return lines;
    }
    if (kind.equals("removed")) return lines;
    JsonNode d = Json.read(detail);
    if (kind.startsWith("deprecat")) {
      lines.add("Deprecation time: " + d.path("deprecationTime").asText()
          + (d.hasNonNull("previous") ? " (was " + d.path("previous").asText() + ")" : ""));
      return lines;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode change = f.getValue();
      if (change.isArray() && change.size() == 2) {
        lines.add(f.getKey() + ": " + value(change.get(0)) + " → " + value(change.get(1)));
      }
    }
    return lines;
  }

  /** A change of who may launch the image says so in its title: made private, or shared with whom. */
  private static String changed(String where, String label, String detail) {
    JsonNode d = detail == null || detail.isBlank() ? null : Json.read(detail);
    if (d != null && d.path("isPublic").path(1).isBoolean() && !d.path("isPublic").path(1).asBoolean()) {
      return "Made private in " + where + ": " + label;
    }
    JsonNode grants = d == null ? null : d.get(amicatalog.image.LaunchGrantee.HISTORY_FIELD);
    if (grants != null && grants.size() == 2) {
      List<String> was = new ArrayList<>(), is = new ArrayList<>(), said = new ArrayList<>();
      grants.get(0).forEach(g -> was.add(g.asText()));
      grants.get(1).forEach(g -> is.add(g.asText()));
      is.stream().filter(g -> !was.contains(g)).forEach(g -> said.add("now with " + g));
      was.stream().filter(g -> !is.contains(g)).forEach(g -> said.add("no longer with " + g));
      return "Sharing changed in " + where + ": " + label + " (" + String.join(", ", said) + ")";
    }
    return "Changed in " + where + ": " + label + fieldsSaid(detail);
  }

  private static String when(String detail) {
    if (detail == null) return "";
    String at = Json.read(detail).path("deprecationTime").asText("");
    return at.length() >= 10 ? " — on " + at.substring(0, 10) : "";
  }

  private static String fieldsSaid(String detail) {
    if (detail == null || detail.isBlank()) return "";
    List<String> names = new ArrayList<>();
    Json.read(detail).fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
  }

  private static String value(JsonNode v) {
    String text = v.isNull() ? "none" : v.isTextual() ? v.asText() : v.toString();
    return text.length() > LONGEST_VALUE ? text.substring(0, LONGEST_VALUE) + "…" : text;
  }
}
