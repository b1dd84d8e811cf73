package amicatalog.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the search box means. An exact AMI, snapshot or account id finds its images directly;
 * anything else is words, each split into terms as the search index holds them ({@link Terms}).
 * An image matches when it holds every word's terms, the last term of a word as a prefix
 * ("amzn2-ec" finds amzn2 and ecs). Beyond that the box understands, as web search boxes do:
 * {@code "an exact phrase"} (its terms adjacent, none a prefix), {@code -word} or {@code NOT word}
 * (images without it), {@code a OR b} (either; AND is what two words mean already), and a few of AWS's own words also find what AWS names otherwise
 * ({@link #SYNONYMS}). Any other search syntax (*, :, NEAR, parentheses) is nothing but word breaks.
 * Region, architecture and owner names typed as words become filters before this ({@link SearchQuery#withTypedFilters}).
 *
 * @param value    the id, or for words a canonical form of them (for people, not for matching)
 * @param synonyms the words the synonym table added, to say on the page what else was matched
 */
public record TextSearch(Kind kind, String value, List<Clause> clauses, List<Synonym> synonyms) {
  public enum Kind { IMAGE_ID, OWNER_ID, SNAPSHOT_ID, WORDS }

  /**
   * One word of the search box: its terms (all of them must be there), whether the last one is a
   * prefix, and whether it was quoted (the terms must stand next to each other, in order).
   */
  public record Word(List<String> terms, boolean prefix, boolean phrase) {
    String shown() {
      return phrase ? "\"" + String.join(" ", terms) + "\"" : String.join("-", terms) + (prefix ? "*" : "");
    }
  }

  /** Words of which an image must hold at least one (a OR b), or, when excluded, none. */
  public record Clause(List<Word> anyOf, boolean excluded) {}

  /** "ecs optimized" also matched "ecs": what was typed and what it also found. */
  public record Synonym(String typed, List<String> alsoMatched) {}

  /**
   * A box item as typed: its text without quotes or minus, whether it was quoted, whether it had
   * a leading minus. {@link #source} gives it back as it can be typed again.
   */
  public record Item(String text, boolean phrase, boolean negated) {
    public String source() {
      return (negated ? "-" : "") + (phrase ? "\"" + text + "\"" : text);
    }

    /** Whether it is this operator word (upper case, unquoted, no minus), as search boxes take OR, AND and NOT. */
    boolean is(String operator) {
      return !phrase && !negated && text.equals(operator);
    }

    boolean isOperator() {
      return is("OR") || is("AND") || is("NOT");
    }
  }

  /**
   * Words AWS uses for a kind of image that its image names spell otherwise: the Amazon Linux 2
   * and 2023 ECS images are "amzn2-ami-ecs-hvm-…" (only Amazon Linux 1 said "ecs-optimized"),
   * the EKS nodes "amazon-eks-node-…", the GPU ones name the driver, Windows' minimal install is
   * "Core". Keys are terms as typed (one or two box words); each alternative is one exact term.
   */
  static final Map<List<String>, List<String>> SYNONYMS = Map.of(
      List.of("ecs", "optimized"), List.of("ecs"),
      List.of("eks", "optimized"), List.of("eks"),
      List.of("gpu"), List.of("nvidia", "cuda"),
      List.of("minimal"), List.of("core"),
      List.of("aarch64"), List.of("arm64"),
      List.of("graviton"), List.of("arm64", "aarch64"));

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
      if (!Terms.tokens(t).isEmpty()) {
        throw new io.javalin.http.BadRequestResponse("“" + shown + "” has only OR, AND or NOT: they go between words (ubuntu OR debian).");
      }
      throw new io.javalin.http.BadRequestResponse("“" + shown + "” has no letters or digits to search for.");
    }
  }

  /** Null when there is nothing to search for. */
  public static TextSearch of(String q) {
    String t = clean(q);
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (IMAGE_ID.matcher(t).matches()) return new TextSearch(Kind.IMAGE_ID, lower, List.of(), List.of());
    if (OWNER_ID.matcher(t).matches()) return new TextSearch(Kind.OWNER_ID, t, List.of(), List.of());
    if (SNAPSHOT_ID.matcher(t).matches()) return new TextSearch(Kind.SNAPSHOT_ID, lower, List.of(), List.of());
    List<Clause> clauses = new ArrayList<>();
    for (List<Item> group : groups(t)) {
      List<Word> words = new ArrayList<>();
      for (Item item : group) {
        Word w = word(item);
        if (w != null) words.add(w);
      }
      if (!words.isEmpty()) clauses.add(new Clause(List.copyOf(words), group.get(0).negated()));
    }
    if (clauses.isEmpty()) return null;
    List<Synonym> synonyms = new ArrayList<>();
    clauses = withSynonyms(clauses, synonyms);
    List<String> shown = new ArrayList<>();
    for (Clause c : clauses) {
      shown.add((c.excluded() ? "-" : "") + String.join(" OR ", c.anyOf().stream().map(Word::shown).toList()));
    }
    return new TextSearch(Kind.WORDS, String.join(" ", shown), List.copyOf(clauses), List.copyOf(synonyms));
  }

  /**
   * The box's items, grouped: items joined by OR form one group; an excluded item stands alone.
   * An OR with no word to join on either side (at an end, next to an exclusion) and every AND are
   * dropped; NOT before a word excludes it. Lower-case "or", "and" and "not" are words. Quotes left
   * open run to the end.
   */
  public static List<List<Item>> groups(String q) {
    List<Item> items = new ArrayList<>();
    List<Item> typed = items(clean(q));
    for (int k = 0; k < typed.size(); k++) {
      Item item = typed.get(k);
      if (item.is("AND")) continue;  // what every two words mean already
      if (item.is("NOT") && k + 1 < typed.size() && !typed.get(k + 1).isOperator()) {
        Item next = typed.get(++k);
        items.add(new Item(next.text(), next.phrase(), true));  // NOT x is -x
        continue;
      }
      items.add(item);
    }
    List<List<Item>> groups = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      Item item = items.get(k);
      List<Item> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (item.is("OR")) {
        boolean joins = last != null && !last.get(0).negated() && k + 1 < items.size()
            && !items.get(k + 1).negated() && !items.get(k + 1).isOperator();
        if (joins) last.add(items.get(++k));
        continue;  // an OR with nothing to join on one side means nothing
      }
      groups.add(new ArrayList<>(List.of(item)));
    }
    return groups;
  }

  /** The groups as text that reads back as the same groups. */
  public static String text(List<List<Item>> groups) {
    List<String> parts = new ArrayList<>();
    for (List<Item> group : groups) parts.add(String.join(" OR ", group.stream().map(Item::source).toList()));
    return String.join(" ", parts);
  }

  private static List<Item> items(String t) {
    List<Item> items = new ArrayList<>();
    int n = t.length();
    for (int i = 0; i < n; ) {
      if (t.charAt(i) == ' ') {
        i++;
        continue;
      }
      boolean negated = t.charAt(i) == '-' && i + 1 < n && t.charAt(i + 1) != ' ';
      if (negated) i++;
      if (t.charAt(i) == '"') {
        int close = t.indexOf('"', i + 1);
        int end = close < 0 ? n : close;
        items.add(new Item(t.substring(i + 1, end), true, negated));
        i = close < 0 ? n : close + 1;
      } else {
        int end = t.indexOf(' ', i);
        if (end < 0) end = n;
        items.add(new Item(t.substring(i, end), false, negated));
        i = end;
      }
    }
    return items;
  }

  /** An item's word, or null when it has no letter or digit. */
  private static Word word(Item item) {
    List<String> terms = Terms.tokens(item.text());
    if (terms.isEmpty()) return null;
    if (item.phrase()) return new Word(List.copyOf(terms), false, true);
    // A word that is one letter or digit matches itself only: as a prefix it would match most of the catalog.
    boolean oneCharacter = terms.size() == 1 && terms.get(0).codePointCount(0, terms.get(0).length()) == 1;
    return new Word(List.copyOf(terms), !oneCharacter, false);
  }

  /**
   * Each included one-word clause (or two in a row) whose terms are a synonym key also matches
   * the key's alternatives: "ecs optimized" becomes (ecs optimized* OR ecs).
   */
  private static List<Clause> withSynonyms(List<Clause> clauses, List<Synonym> found) {
    List<Clause> out = new ArrayList<>();
    for (int k = 0; k < clauses.size(); k++) {
      Clause c = clauses.get(k);
      if (plain(c) && k + 1 < clauses.size() && plain(clauses.get(k + 1))) {
        Word first = c.anyOf().get(0), second = clauses.get(k + 1).anyOf().get(0);
        List<String> terms = new ArrayList<>(first.terms());
        terms.addAll(second.terms());
        List<String> also = SYNONYMS.get(terms);
        if (also != null) {
          out.add(alsoMatching(new Word(List.copyOf(terms), second.prefix(), false), also, found));
          k++;
          continue;
        }
      }
      List<String> also = plain(c) ? SYNONYMS.get(c.anyOf().get(0).terms()) : null;
      out.add(also == null ? c : alsoMatching(c.anyOf().get(0), also, found));
    }
    return out;
  }

  private static boolean plain(Clause c) {
    return !c.excluded() && c.anyOf().size() == 1 && !c.anyOf().get(0).phrase();
  }

  private static Clause alsoMatching(Word typed, List<String> also, List<Synonym> found) {
    List<Word> words = new ArrayList<>(List.of(typed));
    for (String term : also) words.add(new Word(List.of(term), false, false));
    found.add(new Synonym(String.join(" ", typed.terms()), also));
    return new Clause(List.copyOf(words), false);
  }

  /**
   * The same words as SQL over SQLite's full-text index (for the feeds, which filter in SQL; it holds
   * the images with history, all a feed can show): a
   * condition on {@code idColumn} (an images.id), its FTS5 expressions put into {@code values}
   * under names starting with {@code name}. Every term is quoted (terms are letters and digits,
   * so nothing in them is FTS5 syntax); excluded words are a NOT IN, since FTS5 has no NOT alone.
   */
  public String ftsCondition(String idColumn, String name, Map<String, Object> values) {
    return condition(idColumn, name, values, TextSearch::fts, " OR ", " AND ",
        " IN (SELECT rowid FROM images_fts WHERE images_fts MATCH :%s)");
  }

  /** The words as {@link #ftsCondition} says them, in the store's own full-text terms. */
  public String condition(amicatalog.db.Dialect d, String idColumn, String name, Map<String, Object> values) {
    return d == amicatalog.db.Dialect.SQLITE ? ftsCondition(idColumn, name, values) : tsCondition(idColumn, name, values);
  }

  /**
   * The same words over PostgreSQL's image_words (migrations/postgresql V16: the images with
   * history, their text split as SQLite's tokenizer splits it): a tsquery of quoted terms, ':*' a
   * prefix, '<->' a phrase's next term, '|' an alternative, and excluded words a NOT IN as above.
   */
  String tsCondition(String idColumn, String name, Map<String, Object> values) {
    return condition(idColumn, name, values, TextSearch::tsquery, " | ", " & ",
        " IN (SELECT image_row FROM image_words WHERE words @@ to_tsquery('simple', :%s))");
  }

  /**
   * The included words ANDed and the excluded ones ORed, each a full-text query bound under
   * {@code name} (and {@code name_not}), {@code in} the condition that takes one (%s: its name).
   */
  private String condition(String idColumn, String name, Map<String, Object> values, java.util.function.Function<Word, String> word,
      String or, String and, String in) {
    List<String> included = new ArrayList<>(), excluded = new ArrayList<>();
    for (Clause c : clauses) {
      List<String> alternatives = c.anyOf().stream().map(word).toList();
      String expression = alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(or, alternatives) + ")";
      (c.excluded() ? excluded : included).add(expression);
    }
    List<String> conditions = new ArrayList<>();
    if (!included.isEmpty()) {
      values.put(name, String.join(and, included));
      conditions.add(idColumn + in.formatted(name));
    }
    if (!excluded.isEmpty()) {
      values.put(name + "_not", String.join(or, excluded));
      conditions.add(idColumn + " NOT" + in.formatted(name + "_not"));
    }
    return String.join(" AND ", conditions);
  }

  private static String tsquery(Word word) {
    List<String> terms = new ArrayList<>();
    for (int k = 0; k < word.terms().size(); k++) {
      boolean prefix = !word.phrase() && word.prefix() && k == word.terms().size() - 1;
      terms.add("'" + word.terms().get(k).replace("'", "''") + "'" + (prefix ? ":*" : ""));
    }
    return terms.size() == 1 ? terms.get(0) : "(" + String.join(word.phrase() ? " <-> " : " & ", terms) + ")";
  }

  private static String fts(Word word) {
    if (word.phrase()) return "\"" + String.join(" ", word.terms()) + "\"";
    List<String> terms = new ArrayList<>();
    for (int k = 0; k < word.terms().size(); k++) {
      boolean prefix = word.prefix() && k == word.terms().size() - 1;
      terms.add("\"" + word.terms().get(k) + "\"" + (prefix ? "*" : ""));
    }
    return terms.size() == 1 ? terms.get(0) : "(" + String.join(" ", terms) + ")";
  }
}
