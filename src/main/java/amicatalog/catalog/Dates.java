package amicatalog.catalog;

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
    if (iso == null) return "";
    try {
      Duration d = Duration.between(Instant.now(), Instant.parse(iso));
      boolean future = !d.isNegative();
      long s = Math.abs(d.getSeconds());
      String amount = s < 90 ? "a minute" : s < 5400 ? s / 60 + " minutes" : s < 129600 ? s / 3600 + " hours"
          : s < 86400L * 60 ? s / 86400 + " days" : s < 86400L * 730 ? s / (86400L * 30) + " months"
          : s / (86400L * 365) + " years";
      return future ? "in " + amount : amount + " ago";
    } catch (DateTimeParseException e) {
      return "";
    }
  }
}
