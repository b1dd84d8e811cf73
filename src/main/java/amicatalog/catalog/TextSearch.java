package amicatalog.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the search box means. An exact AMI, snapshot or account id finds its images directly;
 * anything else is full text, where each word is quoted (so FTS5 syntax such as NEAR(, *, -, :
 * or a stray quote is just text) and prefix-matched (words of two letters or more).
 */
record TextSearch(Kind kind, String value) {
  enum Kind { IMAGE_ID, OWNER_ID, SNAPSHOT_ID, FULL_TEXT }

  private static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-f]{8,17}", Pattern.CASE_INSENSITIVE);
  private static final Pattern OWNER_ID = Pattern.compile("\\d{12}");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{8,17}", Pattern.CASE_INSENSITIVE);

  /** Null when there is nothing to search for. */
  static TextSearch of(String q) {
    String t = q == null ? "" : q.strip();
    if (IMAGE_ID.matcher(t).matches()) return new TextSearch(Kind.IMAGE_ID, t.toLowerCase(java.util.Locale.ROOT));
    if (OWNER_ID.matcher(t).matches()) return new TextSearch(Kind.OWNER_ID, t);
    if (SNAPSHOT_ID.matcher(t).matches()) return new TextSearch(Kind.SNAPSHOT_ID, t.toLowerCase(java.util.Locale.ROOT));
    String match = ftsMatch(t);
    return match == null ? null : new TextSearch(Kind.FULL_TEXT, match);
  }

  /**
   * The one place user text becomes an FTS5 MATCH expression: every word becomes a quoted,
   * prefix-starred phrase ("word"*), words are ANDed. Null when no word has a letter or digit.
   */
  static String ftsMatch(String text) {
    List<String> terms = new ArrayList<>();
    // Control characters (a NUL ends FTS5's parsing mid-string) are word breaks, nothing more.
    for (String word : text.replaceAll("\\p{Cntrl}", " ").split("\\s+")) {
      String w = word.replace("\"", "");
      // A one-letter word matches itself only: as a prefix it would match most of the catalog.
      if (w.codePoints().anyMatch(Character::isLetterOrDigit)) terms.add("\"" + w + (w.length() > 1 ? "\"*" : "\""));
      if (terms.size() == 12) break;  // a longer query adds nothing but cost
    }
    return terms.isEmpty() ? null : String.join(" ", terms);
  }
}
