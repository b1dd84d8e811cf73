package amicatalog.common;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Dates as people read them: the day, and how long ago. */
public final class Dates {
  private Dates() {}

  public static String day(String iso) {
    return iso == null || iso.length() < 10 ? "" : iso.substring(0, 10);
  }

  /** "3 days ago", "in 2 months", "" when unknown. */
  public static String relative(String iso) {
    return relative(iso, Instant.now());
  }

  static String relative(String iso, Instant now) {
    if (iso == null) return "";
    try {
      Duration d = Duration.between(now, Instant.parse(iso));
      boolean future = !d.isNegative();
      long s = Math.abs(d.getSeconds());
      String amount = s < 60 ? "less than a minute"
          : s < 3_600 ? count(Math.round(s / 60.0), "minute")
          : s < 86_400 ? count(Math.round(s / 3_600.0), "hour")
          : s < 86_400L * 60 ? count(Math.round(s / 86_400.0), "day")
          : s < 86_400L * 730 ? count(Math.round(s / (86_400.0 * 30)), "month")
          : count(s / (86_400L * 365), "year");
      return future ? "in " + amount : amount + " ago";
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  private static String count(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
