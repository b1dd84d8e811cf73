package amicatalog.common;

/** Text as messages quote it back to the user. */
public final class Text {
  private Text() {}

  /** At most 40 characters of what the user sent, for a message that quotes it. */
  public static String cut(String s) {
    return cut(s, 40);
  }

  /** At most {@code max} characters (whole code points, never half a surrogate pair), "…" when cut. */
  public static String cut(String s, int max) {
    if (s == null) return "";
    if (s.codePointCount(0, s.length()) <= max) return s;
    return s.substring(0, s.offsetByCodePoints(0, max)) + "…";
  }
}
