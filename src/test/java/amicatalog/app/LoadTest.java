package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short load run: wrk (Debian's package; .ci/run installs it) at 64 connections for 10 s over
 * search, detail, JSON and CSV of the demo catalog, while imports write to the same file. No
 * error, no non-2xx answer; the p99 is printed, not asserted (figures go in the README).
 */
@OnBothStores
class LoadTest {
  static final Path WRK = Path.of("/usr/bin/wrk");
  @TempDir Path dir;

  @Test
  void readsHoldUnderSixtyFourConnectionsWhileASyncWrites() throws Exception {
    assertThat(Files.isExecutable(WRK)).as("wrk is missing: apt-get install wrk (.ci/run does)").isTrue();
    String image = "us-east-1/" + TestApp.sharedReadOnly().db.read(h -> h.createQuery(
        "SELECT image_id FROM images WHERE region = 'us-east-1' AND removed_at IS NULL LIMIT 1").mapTo(String.class).one());
    try (TestApp app = TestApp.start(dir, null, null)) {
      AtomicBoolean loading = new AtomicBoolean(true);
      AtomicInteger writes = new AtomicInteger();
      Thread writer = new Thread(() -> {
        for (int n = 0; loading.get(); n++) {
          byte[] json = ("{\"Images\": [{\"ImageId\": \"ami-0000000000000%04x\", \"Name\": \"load-%d\", \"OwnerId\": \"111122223333\","
              + " \"State\": \"available\", \"CreationDate\": \"2026-01-01T00:00:00.000Z\"}]}").formatted(n % 65536, n)
              .getBytes(StandardCharsets.UTF_8);
          TestApp.load(app.db, List.of(new SnapshotImageSource.Snapshot("eu-north-1", "load", () -> new ByteArrayInputStream(json))));
          writes.incrementAndGet();
        }
      }, "load-writer");
      writer.start();
      ProcessBuilder run = new ProcessBuilder(WRK.toString(), "-t2", "-c64", "-d10s", "--timeout", "10s", "--latency", "-s", "src/main/resources/bench/load.lua",
          app.base.toString()).redirectErrorStream(true);
      run.environment().put("AMI_LOAD_IMAGE", image);
      Process wrk = run.start();
      wrk.getOutputStream().close();
      String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(wrk.waitFor()).as(out).isZero();
      loading.set(false);
      writer.join();
      System.out.println("load: " + out.lines().filter(l -> l.startsWith("requests") || l.contains("Requests/sec")).toList()
          + ", " + writes.get() + " imports meanwhile");
      Matcher m = Pattern.compile("requests (\\d+), non-2xx (\\d+), socket errors (\\d+), timeouts (\\d+)").matcher(out);
      assertThat(m.find()).as(out).isTrue();
      assertThat(Long.parseLong(m.group(1))).isPositive();
      assertThat(Long.parseLong(m.group(2))).as("non-2xx answers").isZero();
      assertThat(Long.parseLong(m.group(3))).as("socket errors").isZero();
      assertThat(Long.parseLong(m.group(4))).as("answers slower than 10 s").isZero();
      assertThat(writes.get()).as("the writer kept writing").isPositive();
    }
  }
}
