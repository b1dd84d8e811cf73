package amicatalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.db.Store;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's signing key: made once, kept, and the same for processes (replicas) that start together on one catalog. */
@OnBothStores
class SignerTest {
  @TempDir Path dir;

  @Test
  void theKeyIsKeptAcrossStarts() {
    String first, again;
    try (Database db = TestStores.open(dir)) {
      first = Signer.load(db).sign("csrf", "browser");
    }
    try (Database db = TestStores.open(dir)) {
      again = Signer.load(db).sign("csrf", "browser");
    }
    assertThat(again).isEqualTo(first).hasSize(64);
  }

  /** Two processes on a new catalog (each its own connections), loading at once: one key, no failed start. */
  @Test
  void processesStartingTogetherAgreeOnOneKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 10; round++) {
        Store store = TestStores.store(java.nio.file.Files.createDirectories(dir.resolve("round-" + round)));
        Database.open(store).close();  // the schema made; no key yet
        List<Database> processes = List.of(Database.open(store), Database.open(store), Database.open(store), Database.open(store));
        try {
          List<Future<String>> signatures = new ArrayList<>();
          for (Database db : processes) signatures.add(pool.submit(() -> Signer.load(db).sign("csrf", "browser")));
          String one = signatures.get(0).get();
          for (Future<String> s : signatures) assertThat(s.get()).isEqualTo(one);
        } finally {
          processes.forEach(Database::close);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
