package amicatalog.sync;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a deprecation time has come: by the clock, whatever shape of ISO time the image gives. */
@OnBothStores
class DeprecationsTest {
  private static final String NOW = "2026-12-02T13:40:05.123456Z";

  @Test
  void aTimeHasComeWhenItIsAtOrBeforeNow() {
    assertThat(Deprecations.passed("2026-12-02T13:40:04.999Z", NOW)).isTrue();
    assertThat(Deprecations.passed("2024-01-01T00:00:00Z", NOW)).isTrue();
    assertThat(Deprecations.passed("2026-12-02T13:40:05.123Z", NOW)).as("the same second, earlier in it").isTrue();
    assertThat(Deprecations.passed("2026-12-02T13:40:05.999Z", NOW)).as("the same second, later in it").isFalse();
    assertThat(Deprecations.passed("2026-12-02T13:40:06.000Z", NOW)).isFalse();
    assertThat(Deprecations.passed("2099-01-01T00:00:00.000Z", NOW)).isFalse();
  }

  @Test
  void otherOffsetsAndShapesAreReadAsTimes() {
    assertThat(Deprecations.passed("2026-12-02T14:40:04+01:00", NOW)).isTrue();
    assertThat(Deprecations.passed("2026-12-02T12:40:06-01:00", NOW)).isFalse();
    assertThat(Deprecations.passed("not a time", NOW)).isFalse();
    assertThat(Deprecations.passed(null, NOW)).isFalse();
  }

  /**
   * A date earlier in the current second is noted as soon as it has passed, though as text "…:05Z"
   * and "…:05.123Z" sort after "…:05.123456Z" (a check that compared the texts missed it by up to a
   * second, and a test that waited for the clock now and then saw nothing noted).
   */
  @Test
  void aDeprecationEarlierInTheSameSecondIsNotedAtOnce(@TempDir Path dir) {
    try (TestApp app = TestApp.start(dir, "eu-south-2", """
        {"Images": [{"ImageId": "ami-0aaaabbbbccccdd01", "Name": "golden", "OwnerId": "444455556666",
          "Architecture": "x86_64", "State": "available", "CreationDate": "2026-01-01T00:00:00.000Z"}]}""")) {
      setDeprecation(app, "2027-01-01T00:00:05Z");
      assertThat(Deprecations.notePassed(app.db, Instant.parse("2027-01-01T00:00:05.100Z"))).as("a whole second").isOne();

      setDeprecation(app, "2027-01-01T00:00:05.123Z");
      assertThat(Deprecations.notePassed(app.db, Instant.parse("2027-01-01T00:00:05.100Z"))).as("not yet").isZero();
      assertThat(Deprecations.notePassed(app.db, Instant.parse("2027-01-01T00:00:05.123456Z"))).as("in the same millisecond").isOne();
    }
  }

  private static void setDeprecation(TestApp app, String time) {
    app.db.write(h -> h.execute("UPDATE images SET deprecation_time = ?, deprecation_noted = NULL WHERE image_id = ?",
        time, "ami-0aaaabbbbccccdd01"));
  }
}
