package amicatalog.common;

/** RFC 4180 lines; cells that a spreadsheet would run as formulas are defused with a quote. */
public final class Csv {
  private Csv() {}

  public static String line(String... cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) sb.append(',');
      sb.append(cell(cells[i]));
    }
    return sb.append("\r\n").toString();
  }

  static String cell(String value) {
    if (value == null) return "";
    String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return needsQuotes(v) ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  /** A plain scan, not a regex: a large export writes millions of cells. */
  private static boolean needsQuotes(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == ',' || c == '\r' || c == '\n') return true;
    }
    return false;
  }
}
