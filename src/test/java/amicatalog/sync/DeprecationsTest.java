package amicatalog.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether a deprecation time has come: by the clock, whatever shape of ISO time the image gives. */
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
}
