package amicatalog.image;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the search box means. An exact AMI, snapshot or account id finds its images directly;
 * anything else is words, each split into terms as the search index holds them ({@link Terms}). An image
 * matches when it holds every word's terms, the last term of a word as a prefix ("amzn2-ec"
 * finds amzn2 and ecs). Search syntax (quotes, *, -, :, NEAR) is nothing but word breaks.
 *
 * @param value the id, or for words a canonical form of them (for people, not for matching)
 */
public record TextSearch(Kind kind, String value, List<Word> words) {
  public enum Kind { IMAGE_ID, OWNER_ID, SNAPSHOT_ID, WORDS }

  /** One word of the search box: its terms, and whether the last one is a prefix. */
  public record Word(List<String> terms, boolean prefix) {}

  private static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-f]{8,17}", Pattern.CASE_INSENSITIVE);
  private static final Pattern OWNER_ID = Pattern.compile("\\d{12}");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{8,17}", Pattern.CASE_INSENSITIVE);
  public static final int MAX_LENGTH = 200;
  /** Spaces of every kind, control and format characters (zero-width, direction marks): word breaks all. */
  private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\p{Z}\\p{Cf}]+");

  /** The search text as it is searched, shown and put in links: every kind of break a plain space. */
  public static String clean(String q) {
    return q == null ? "" : BREAKS.matcher(q).replaceAll(" ").strip();
  }

  /**
   * Checks a request's search text: 400 when it is too long, or has no letter or digit to search
   * for (answering the whole catalog to "!!!" would pretend a search happened).
   */
  public static void check(String q) {
    String t = clean(q);
    int length = t.codePointCount(0, t.length());
    if (length > MAX_LENGTH) {
      throw new io.javalin.http.BadRequestResponse("The search text is longer than " + MAX_LENGTH + " characters.");
    }
    if (!t.isEmpty() && of(t) == null) {
      String shown = length > 40 ? t.substring(0, t.offsetByCodePoints(0, 40)) + "…" : t;  // never half a character
      throw new io.javalin.http.BadRequestResponse("“" + shown + "” has no letters or digits to search for.");
    }
  }

  /** Null when there is nothing to search for. */
  public static TextSearch of(String q) {
    String t = clean(q);
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (IMAGE_ID.matcher(t).matches()) return new TextSearch(Kind.IMAGE_ID, lower, List.of());
    if (OWNER_ID.matcher(t).matches()) return new TextSearch(Kind.OWNER_ID, t, List.of());
    if (SNAPSHOT_ID.matcher(t).matches()) return new TextSearch(Kind.SNAPSHOT_ID, lower, List.of());
    List<Word> words = words(t);
    if (words.isEmpty()) return null;
    List<String> shown = words.stream().map(w -> String.join("-", w.terms()) + (w.prefix() ? "*" : "")).toList();
    return new TextSearch(Kind.WORDS, String.join(" ", shown), words);
  }

  /**
   * The same words as an FTS5 MATCH expression (for the feeds, which filter in SQL): every term
   * quoted, the last of a word starred when it is a prefix. Terms are letters and digits only,
   * so nothing in them is FTS5 syntax.
   */
  public String ftsMatch() {
    List<String> phrases = new ArrayList<>();
    for (Word word : words) {
      for (int k = 0; k < word.terms().size(); k++) {
        boolean prefix = word.prefix() && k == word.terms().size() - 1;
        phrases.add("\"" + word.terms().get(k) + "\"" + (prefix ? "*" : ""));
      }
    }
    return String.join(" ", phrases);
  }

  /** The words of a search text; those without a letter or digit are dropped. */
  public static List<Word> words(String text) {
    List<Word> words = new ArrayList<>();
    for (String word : clean(text).split(" ")) {
      List<String> terms = Terms.tokens(word);
      if (terms.isEmpty()) continue;
      // A word that is one letter or digit matches itself only: as a prefix it would match most of the catalog.
      boolean oneCharacter = terms.size() == 1 && terms.get(0).codePointCount(0, terms.get(0).length()) == 1;
      words.add(new Word(List.copyOf(terms), !oneCharacter));
    }
    return words;
  }
}
