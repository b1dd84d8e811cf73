package amicatalog.image;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Text split into search terms as SQLite's unicode61 tokenizer splits it (letters, digits and
 * other numbers, lower-cased, Latin accents dropped): the search index (its analyzer) and the words
 * typed in the search box use the same terms.
 */
public final class Terms {
  private Terms() {}

  /** Splits text into terms as the index holds them. */
  public static void tokenize(String text, Consumer<String> terms) {
    forEachTerm(text, (t, from, to) -> terms.accept(lowerCase(t, from, to)));
  }

  /** A slice with its ASCII letters lower-cased (the rest was lower-cased and folded before). */
  public static String lowerCase(String text, int from, int to) {
    char[] chars = new char[to - from];
    for (int i = from; i < to; i++) chars[i - from] = lower(text.charAt(i));
    return new String(chars);
  }

  public static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** A term as a slice of a string whose ASCII letters are still to be lower-cased. */
  public interface Slice {
    void accept(String text, int from, int to);
  }

  public static void forEachTerm(String text, Slice terms) {
    if (text == null) return;
    int n = text.length();
    for (int i = 0; i < n; ) {
      while (i < n && !isTermChar(text.charAt(i))) i++;
      int start = i;
      boolean ascii = true;
      for (; i < n && isTermChar(text.charAt(i)); i++) ascii &= text.charAt(i) < 128;
      if (i == start) continue;
      if (ascii) {
        terms.accept(text, start, i);
      } else {
        String term = fold(text.substring(start, i).toLowerCase(Locale.ROOT));  // may leave nothing of a run of accents
        if (!term.isEmpty()) terms.accept(term, 0, term.length());
      }
    }
  }

  public static List<String> tokens(String text) {
    List<String> terms = new ArrayList<>();
    tokenize(text, terms::add);
    return terms;
  }

  /**
   * Letters, digits and other numbers, private-use characters, and the combining diacritics
   * (dropped by fold), as unicode61's default categories "L* N* Co" have it. Characters outside
   * the basic plane (surrogate pairs) break words: rare in AMI metadata, and without them a term's
   * String order is its UTF-8 byte order (see build).
   */
  private static boolean isTermChar(char c) {
    if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (isDiacritic(c)) return true;
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
          Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
          Character.PRIVATE_USE -> true;
      default -> false;
    };
  }

  private static boolean isDiacritic(char c) {
    return c >= '\u0300' && c <= '\u036f';
  }

  /**
   * Drops accents as unicode61's remove_diacritics does: combining accents wherever they stand,
   * and those of accented Latin letters (so "Débian" finds "debian"); other scripts' letters stay
   * as they are (ά, й, ド).
   */
  private static String fold(String term) {
    StringBuilder folded = new StringBuilder(term.length());
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (isDiacritic(c)) continue;
      if (c < 128 || Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
        folded.append(c);
        continue;
      }
      String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
      for (int j = 0; j < decomposed.length(); j++) if (!isDiacritic(decomposed.charAt(j))) folded.append(decomposed.charAt(j));
    }
    return folded.toString();
  }
}
