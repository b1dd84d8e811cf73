package amicatalog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's organisation sync at a small size: each account's role assumed on the local STS,
 * its own images listed by workers sharing the store, every run ended ok with each account's
 * images in the catalog, and the report giving each count of workers its figures.
 */
@OnBothStores
class OrganizationSyncTest {
  @TempDir Path dir;

  @Test
  void workersSyncEveryAccountOfTheOrganization() throws Exception {
    BenchCommand.Section section = new OrganizationSync(TestStores.store(dir), 6, List.of(1, 3)).run();

    Map<String, Object> figures = section.metrics().stream()
        .collect(Collectors.toMap(BenchCommand.Metric::key, BenchCommand.Metric::value));
    assertThat(figures).containsEntry("accounts", 6L).containsEntry("listings", 12L).containsEntry("images", 36L)
        .containsKeys("workers_1_seconds", "workers_3_seconds", "workers_3_speedup");
    assertThat((Long) figures.get("workers_3_calls")).as("a role, a listing, a sharing state and 3 images' permissions a region")
        .isGreaterThanOrEqualTo(6 + 6 * 2 * 5);
    try (Database db = TestStores.open(dir)) {
      List<String> runs = db.read(h -> h.createQuery("SELECT status FROM sync_runs ORDER BY id").mapTo(String.class).list());
      assertThat(runs).as("the warm-up's run and one a count of workers").containsExactly("ok", "ok", "ok");
      for (String account : List.of(OrganizationSync.account(1, 0), OrganizationSync.account(2, 5))) {
        long images = db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE owner_id = ? AND removed_at IS NULL")
            .bind(0, account).mapTo(Long.class).one());
        assertThat(images).as(account).isEqualTo(6);
      }
      long unowned = db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE owner_id NOT LIKE '_00000000%'")
          .mapTo(Long.class).one());
      assertThat(unowned).as("only the accounts' own images").isZero();
    }
  }
}
