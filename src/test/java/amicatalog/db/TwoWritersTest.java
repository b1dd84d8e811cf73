package amicatalog.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes writing one SQLite catalog (a `sync --worker` beside `serve`, or two workers): a
 * transaction that reads before it writes must wait for the other's write, not fail. A deferred
 * transaction would fail at once with SQLITE_BUSY when the other committed after its read began,
 * whatever the busy timeout; a sync page lost that way made a worker's listing fail.
 */
class TwoWritersTest {
  @TempDir Path dir;

  @Test
  void readThenWriteTransactionsOfTwoProcessesTakeTurns() throws Exception {
    Path file = dir.resolve("catalog.db");
    try (Database first = Database.open(file); Database second = Database.open(file)) {
      first.write(h -> h.execute("INSERT INTO catalog_meta (key, value) VALUES ('counter', '0')"));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?> a = pool.submit(() -> increment(first, 300));
        Future<?> b = pool.submit(() -> increment(second, 300));
        a.get();
        b.get();
      } finally {
        pool.shutdownNow();
      }
      int counter = first.read(h -> h.createQuery("SELECT CAST(value AS INTEGER) FROM catalog_meta WHERE key = 'counter'")
          .mapTo(Integer.class).one());
      assertThat(counter).as("no increment lost, none failed").isEqualTo(600);
    }
  }

  private static void increment(Database db, int times) {
    for (int i = 0; i < times; i++) {
      db.write(h -> {
        int now = h.createQuery("SELECT CAST(value AS INTEGER) FROM catalog_meta WHERE key = 'counter'").mapTo(Integer.class).one();
        return h.execute("UPDATE catalog_meta SET value = ? WHERE key = 'counter'", String.valueOf(now + 1));
      });
    }
  }
}
