package amicatalog.sync;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.db.Dialect;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold load drops the catalog's secondary indexes and builds them again when it ends, on either
 * store; one cut short (the process killed mid-load) is finished when the catalog is next opened.
 */
@OnBothStores
class BulkLoadTest {
  @TempDir Path dir;

  private static SnapshotImageSource.Snapshot demo(String region) {
    return new SnapshotImageSource.Snapshot(region, region, () -> BulkLoadTest.class.getResourceAsStream("/demo/" + region + ".json.gz"));
  }

  @Test
  void aColdLoadEndsWithEveryIndexTheSchemaHas() {
    try (Database db = TestStores.open(dir)) {
      List<String> schema = indexes(db);
      assertThat(schema).contains("images_owner", "image_events_image");

      RunResult run = TestApp.load(db, List.of(demo("eu-west-1")));

      assertThat(run.status()).isEqualTo("ok");
      assertThat(indexes(db)).isEqualTo(schema);
      long owned = db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE owner_id = '137112412989'").mapTo(Long.class).one());
      assertThat(owned).as("the load itself").isPositive();
    }
  }

  @Test
  void aLoadCutShortIsFinishedAtTheNextOpen() {
    try (Database db = TestStores.open(dir)) {
      List<String> schema = indexes(db);
      BulkLoad.begin(db);  // and the process dies here
      assertThat(indexes(db)).as("dropped for the load").hasSizeLessThan(schema.size()).doesNotContain("images_owner");

      new Indexer(db);  // what a sync or serve makes when it opens the catalog

      assertThat(indexes(db)).isEqualTo(schema);
    }
  }

  private static List<String> indexes(Database db) {
    String sql = db.dialect() == Dialect.POSTGRESQL
        ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"
        : "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name";
    return db.read(h -> h.createQuery(sql).mapTo(String.class).list());
  }
}
