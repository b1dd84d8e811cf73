package amicatalog.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatesTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  static String ago(long seconds) {
    return Dates.relative(NOW.minusSeconds(seconds).toString(), NOW);
  }

  @Test
  void howLongAgoReadsAsPeopleSayIt() {
    assertThat(ago(2)).isEqualTo("less than a minute ago");
    assertThat(ago(65)).isEqualTo("1 minute ago");
    assertThat(ago(150)).isEqualTo("3 minutes ago");
    assertThat(ago(3_700)).isEqualTo("1 hour ago");
    assertThat(ago(5 * 3_600)).isEqualTo("5 hours ago");
    assertThat(ago(86_400 + 60)).isEqualTo("1 day ago");
    assertThat(ago(10 * 86_400)).isEqualTo("10 days ago");
    assertThat(ago(95 * 86_400)).isEqualTo("3 months ago");
    assertThat(ago(3 * 365 * 86_400L)).isEqualTo("3 years ago");
    assertThat(Dates.relative(NOW.plusSeconds(2 * 86_400).toString(), NOW)).isEqualTo("in 2 days");
    assertThat(Dates.relative("not a time", NOW)).isEmpty();
    assertThat(Dates.relative(null, NOW)).isEmpty();
  }

  @Test
  void timesAreStoredAsUtcInAwsShape() {
    assertThat(Dates.utc("2025-03-01T10:00:00.000Z")).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(Dates.utc("2025-03-01T12:00:00+02:00")).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(Dates.utc("2025-03-01T10:00:00Z")).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(Dates.utc("2025-03-01T10:00Z")).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(Dates.utc("2025-03-01T10:00:00.123456789Z")).isEqualTo("2025-03-01T10:00:00.123Z");
    assertThat(Dates.utc("2025-03-01T10:00:00")).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(Dates.utc("2025-03-01")).isEqualTo("2025-03-01T00:00:00.000Z");
    assertThat(Dates.utc(" 2025-03-01T10:00:00.000Z ")).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(Dates.utc("2025-02-30T10:00:00.000Z")).isNull();
    assertThat(Dates.utc("soon")).isNull();
    assertThat(Dates.utc(null)).isNull();
  }
}
