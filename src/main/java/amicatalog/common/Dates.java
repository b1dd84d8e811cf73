package amicatalog.common;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Dates as people read them: the day, and how long ago. */
public final class Dates {
  private Dates() {}

  /** AWS's own shape of a time: UTC, milliseconds, Z. Fixed width, so the text sorts as the time does. */
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * A time as the catalog stores it: the UTC instant in AWS's shape ({@code 2024-05-01T10:00:00.000Z}),
   * so that SQL and the search order by comparing text. AWS always sends that shape; an imported
   * file may say {@code 2024-05-01T12:00:00+02:00}, leave out the milliseconds, or give more
   * digits (cut to milliseconds). A time without an offset is taken as UTC (AWS's times all are),
   * a bare date as its midnight. Null when the text is no time at all.
   */
  public static String utc(String text) {
    if (text == null) return null;
    if (isUtcMillis(text)) return text;
    String t = text.strip();
    try {
      return UTC_MILLIS.format(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException notWithOffset) {
      try {
        return UTC_MILLIS.format(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException notLocal) {
        try {
          return UTC_MILLIS.format(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notADate) {
          return null;
        }
      }
    }
  }

  /** Already in AWS's shape: checked by hand, as parsing every time of a million images costs seconds. */
  private static boolean isUtcMillis(String s) {
    if (s.length() != 24 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
      return false;
    }
    for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22}) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    }
    try {
      LocalDateTime.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10), num(s, 11, 13), num(s, 14, 16), num(s, 17, 19));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }

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
