package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@OnBothStores
class CatalogSearchTest {
  @TempDir Path dir;

  static SnapshotImageSource.Snapshot demo(String region) {
    return new SnapshotImageSource.Snapshot(region, region, () -> CatalogSearchTest.class.getResourceAsStream("/demo/" + region + ".json.gz"));
  }

  /** `serve` checks every 30 s: a `sync` from cron or an `import` into the same file shows up. */
  @Test
  void whatAnotherProcessWroteToTheFileIsPickedUp() {
    Path file = dir.resolve("c.db");
    try (Database db = Database.open(file); CatalogSearch search = new CatalogSearch(db)) {
      TestApp.load(db, List.of(demo("eu-west-1")));
      search.refresh();
      int before = search.liveImages();
      search.refreshIfChanged();
      assertThat(search.liveImages()).isEqualTo(before);

      try (Database otherProcess = Database.open(file)) {
        TestApp.load(otherProcess, List.of(demo("ap-southeast-6")));
      }
      search.refreshIfChanged();

      assertThat(search.liveImages()).isGreaterThan(before);
      assertThat(search.liveRegions()).isEqualTo(2);
    }
  }
}
