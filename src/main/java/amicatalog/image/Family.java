package amicatalog.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The family rule: which images are versions of one image line. A family is the owner plus the
 * image name with its version stamp replaced by {@code *}:
 * <pre>
 *   amzn2-ami-ecs-hvm-2.0.20250821-arm64-ebs               → amzn2-ami-ecs-hvm-*-arm64-ebs
 *   al2023-ami-ecs-hvm-2023.0.20241108-kernel-6.1-x86_64   → al2023-ami-ecs-hvm-*-kernel-6.1-x86_64
 *   fedora-coreos-44.20260707.3.1-x86_64                   → fedora-coreos-*-x86_64
 *   amzn-ami-2018.03.a-amazon-ecs-optimized                → amzn-ami-*-amazon-ecs-optimized
 *   debian-12-amd64-20240201-1644                          → debian-12-amd64-*
 * </pre>
 *
 * <p>The name is cut into words at {@code - _ / space} ({@code x86_64} stays one word). The
 * version stamp is made of the words that
 * <ol>
 *   <li>hold a date: a run of exactly 8 digits that reads as YYYYMMDD (1990–2099), a 12- or
 *       14-digit run that starts with one (YYYYMMDDhhmm[ss]), or a dotted YYYY.MM.DD
 *       ({@code 2.0.20250821}, {@code 44.20260707.3.1}, {@code v20170907}, {@code 2017.10.13});
 *       or are a release-month version YYYY.MM.x ({@code 2018.03.a}); or a 10-digit Unix time
 *       ({@code packer-1700000000}); or an ISO date over three words ({@code app-2024-01-15});</li>
 *   <li>only when the name has no date: are a dotted version of three or more numbers
 *       ({@code 6.4.3}, {@code v1.29.4}); next to a date, such a number is a release series
 *       ({@code RHEL-9.4.0_HVM-20240605…}) and stays;</li>
 *   <li>are a plain number (up to 6 digits) right after a stamp word or an architecture word:
 *       a build counter ({@code debian-12-amd64-20240201-1644}, {@code RHEL-…-x86_64-82-Hourly2}).</li>
 * </ol>
 * A run of adjacent stamp words, with the separators between them, becomes one {@code *}.
 * What stays is what names the line: product, variant, kernel ({@code kernel-6.1}: the word after
 * "kernel" is never a stamp), release series ({@code 22.04}, {@code 2016}), architecture, volume type.
 * A name without a stamp is its own family, so e.g. {@code team-base-1} and {@code team-base-2}
 * are two families: a lone counter is not a date, and could as well be a variant.
 *
 * <p>The key is also a valid name pattern for {@code /latest} and for DescribeImages' name filter.
 */
public final class Family {
  private static final Set<String> ARCHITECTURES = Set.of("x86_64", "arm64", "aarch64", "amd64", "i386", "i686");

  private Family() {}

  /** The family key of an image name; null for a null name. */
  public static String key(String name) {
    if (name == null) return null;
    List<int[]> words = words(name);
    int n = words.size();
    boolean[] stamp = new boolean[n];
    // Dates first; only a name with no date has its dotted version (1.2.3) taken as the stamp,
    // since next to a date a dotted number is a release series (RHEL-9.4.0_HVM-20240605).
    boolean dated = mark(name, words, stamp, true);
    if (!dated) mark(name, words, stamp, false);
    for (int w = 1; w < n; w++) {
      String word = word(name, words.get(w));
      if (stamp[w] || !isDigits(word) || word.length() > 6) continue;
      // A plain number after a stamp or an architecture is a build counter (debian-…-20240201-1644,
      // RHEL-…-x86_64-82-Hourly2-GP3).
      if (stamp[w - 1] || ARCHITECTURES.contains(word(name, words.get(w - 1)).toLowerCase(Locale.ROOT))) stamp[w] = true;
    }
    StringBuilder key = new StringBuilder(name.length());
    int copied = 0;
    for (int w = 0; w < n; w++) {
      if (!stamp[w]) continue;
      int start = words.get(w)[0];
      int end = words.get(w)[1];
      while (w + 1 < n && stamp[w + 1]) end = words.get(++w)[1];
      key.append(name, copied, start).append('*');
      copied = end;
    }
    return key.append(name, copied, name.length()).toString();
  }

  /** Marks the date words (or, with {@code dates} false, the dotted versions); true when any was found. */
  private static boolean mark(String name, List<int[]> words, boolean[] stamp, boolean dates) {
    boolean found = false;
    int n = words.size();
    for (int w = 0; w < n; w++) {
      if (w > 0 && word(name, words.get(w - 1)).equalsIgnoreCase("kernel")) continue;
      String word = word(name, words.get(w));
      if (dates ? isDated(word) : isDottedVersion(word)) {
        stamp[w] = found = true;
      } else if (dates && w + 2 < n && isIsoDate(word, word(name, words.get(w + 1)), word(name, words.get(w + 2)))) {
        stamp[w] = stamp[w + 1] = stamp[w + 2] = found = true;
        w += 2;
      }
    }
    return found;
  }

  /** [start, end) of each word: maximal runs of characters that are not separators. */
  private static List<int[]> words(String name) {
    List<int[]> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= name.length(); i++) {
      boolean separator = i == name.length() || isSeparator(name, i);
      if (separator && start >= 0) {
        words.add(new int[] {start, i});
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return words;
  }

  /** Word separators, except the underscore inside x86_64, which is one word. */
  private static boolean isSeparator(String name, int i) {
    char c = name.charAt(i);
    if (c == '_') return !(name.startsWith("x86", i - 3) && name.startsWith("64", i + 1));
    return c == '-' || c == '/' || c == ' ';
  }

  private static String word(String name, int[] span) {
    return name.substring(span[0], span[1]);
  }

  private static boolean isDated(String word) {
    return hasDateRun(word) || hasDottedDate(word) || isReleaseMonth(word) || isUnixTime(word);
  }

  /** A maximal digit run of 8 (YYYYMMDD), 12 or 14 digits (with hhmm[ss]) that starts with a real date. */
  private static boolean hasDateRun(String word) {
    for (int i = 0; i < word.length(); ) {
      if (!isDigit(word.charAt(i))) {
        i++;
        continue;
      }
      int j = i;
      while (j < word.length() && isDigit(word.charAt(j))) j++;
      int length = j - i;
      if ((length == 8 || length == 12 || length == 14) && isDate(word, i)) return true;
      i = j;
    }
    return false;
  }

  /** YYYY.MM.DD somewhere in the word, bounded by non-digits. */
  private static boolean hasDottedDate(String word) {
    for (int i = 0; i + 10 <= word.length(); i++) {
      if (i > 0 && isDigit(word.charAt(i - 1))) continue;
      if (word.charAt(i + 4) != '.' || word.charAt(i + 7) != '.') continue;
      if (i + 10 < word.length() && isDigit(word.charAt(i + 10))) continue;
      String compact = word.substring(i, i + 4) + word.substring(i + 5, i + 7) + word.substring(i + 8, i + 10);
      if (isDigits(compact) && isDate(compact, 0)) return true;
    }
    return false;
  }

  /** At least three dot-separated numbers, optionally after a v: 1.2.3, v1.29.4, 6.4.3. */
  private static boolean isDottedVersion(String word) {
    String w = word.length() > 1 && (word.charAt(0) == 'v' || word.charAt(0) == 'V') ? word.substring(1) : word;
    String[] parts = w.split("\\.", -1);
    if (parts.length < 3) return false;
    for (String p : parts) if (!isDigits(p)) return false;
    return true;
  }

  /** Amazon Linux 1's release-month versions: YYYY.MM and at least one more part (2018.03.a). */
  private static boolean isReleaseMonth(String word) {
    String[] parts = word.split("\\.", -1);
    return parts.length >= 3 && isYear(parts[0]) && parts[1].length() == 2 && isDigits(parts[1])
        && between(Integer.parseInt(parts[1]), 1, 12) && !parts[2].isEmpty();
  }

  private static boolean isUnixTime(String word) {
    return word.length() == 10 && word.charAt(0) == '1' && isDigits(word);
  }

  private static boolean isIsoDate(String year, String month, String day) {
    return year.length() == 4 && month.length() == 2 && day.length() == 2
        && isDigits(year + month + day) && isDate(year + month + day, 0);
  }

  /** Whether the 8 digits at {@code at} read as a date from 1990 to 2099. */
  private static boolean isDate(String digits, int at) {
    if (!isYear(digits.substring(at, at + 4))) return false;
    int month = Integer.parseInt(digits.substring(at + 4, at + 6));
    int day = Integer.parseInt(digits.substring(at + 6, at + 8));
    return between(month, 1, 12) && between(day, 1, 31);
  }

  private static boolean isYear(String four) {
    if (!isDigits(four)) return false;
    int year = Integer.parseInt(four);
    return between(year, 1990, 2099);
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) if (!isDigit(s.charAt(i))) return false;
    return true;
  }

  /** ASCII digits only: other scripts' digits are not dates. */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean between(int x, int low, int high) {
    return x >= low && x <= high;
  }
}
