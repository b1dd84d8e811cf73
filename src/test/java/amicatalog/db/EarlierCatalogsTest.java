package amicatalog.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Catalog files made by earlier builds open, and end with the schema a new catalog has.
 * The fixtures and how they were made: src/test/resources/fixtures (see its README.md).
 */
class EarlierCatalogsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"catalog-4ac2270.db", "catalog-fc3cba9.db", "catalog-v3.db"})
  void anEarlierCatalogOpensWithTodaysSchemaAndKeepsItsImages(String fixture) throws Exception {
    Path file = dir.resolve(fixture);
    try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
      Files.copy(in, file);
    }
    Map<String, String> today;
    try (Database fresh = Database.open(dir.resolve("fresh.db"))) {
      today = schema(fresh);
    }
    try (Database db = Database.open(file)) {
      assertThat(schema(db)).isEqualTo(today);
      int images = db.read(h -> h.createQuery("SELECT count(*) FROM images").mapTo(Integer.class).one());
      // The full-text index (the feeds' words) holds the images with history (V13): the two oldest
      // builds wrote an 'appeared' event for each image they imported; 078b34e, a cold load, none.
      List<Long> fedora = db.read(h -> h.createQuery("SELECT rowid FROM images_fts WHERE images_fts MATCH 'fedora'"
          + " ORDER BY rowid").mapTo(Long.class).list());
      List<Long> fedoraWithHistory = db.read(h -> h.createQuery("SELECT id FROM images WHERE name GLOB 'fedora-*'"
          + " AND id IN (SELECT image_row FROM image_events) ORDER BY id").mapTo(Long.class).list());
      assertThat(images).isEqualTo(5);
      assertThat(fedora).isEqualTo(fedoraWithHistory).hasSize(fixture.equals("catalog-v3.db") ? 0 : 2);
      List<Boolean> applied = db.read(h -> h.createQuery("SELECT success = 1 FROM flyway_schema_history ORDER BY installed_rank")
          .mapTo(Boolean.class).list());
      assertThat(applied).isNotEmpty().containsOnly(true);
    }
  }

  /**
   * A migration that has been applied anywhere is frozen: editing it would make every catalog made
   * with it fail Flyway's validation. Add a new migration instead, and its checksum here.
   */
  @Test
  void everyMigrationKeepsTheChecksumItWasReleasedWith() {
    Map<String, Integer> released = new TreeMap<>(Map.of("1", -749141929, "2", -2048306637, "3", -1898985846, "4", 253848254,
        "5", -1003542135, "6", 958702157, "7", 1845330529, "8", -604824198, "9", 662047622, "10", 37871100));
    released.put("11", -713354537);  // Map.of takes ten pairs at most
    released.put("12", 282361858);
    released.put("13", -1013030580);
    released.put("14", -1804990242);  // accounts, image_sightings (issue 11)
    released.put("15", 1324823288);  // launch_permissions, block_public_access (issue 11 §2)
    released.put("16", -2094446038);  // images_sync, the sync's covering index (issue 13)
    released.put("17", 1379764270);  // sync_queue, the listings sync workers take (issue 18)
    Map<String, Integer> now = new TreeMap<>();
    for (var m : org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + dir.resolve("checksums.db"), null, null)
        .locations(Database.MIGRATIONS).load().info().all()) {
      now.put(m.getVersion().getVersion(), m.getChecksum());
    }
    assertThat(now).isEqualTo(new TreeMap<>(released));
  }

  /** Start-up skips Flyway for a catalog at the newest migration: that must be the newest in migrations/sqlite. */
  @Test
  void theNewestMigrationIsTheOneStartUpTrusts() throws Exception {
    int newest;
    try (var files = Files.list(Path.of("migrations", "sqlite"))) {
      newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
    }
    assertThat(Database.NEWEST_MIGRATION).isEqualTo(newest);
    Path file = dir.resolve("twice.db");
    try (Database db = Database.open(file)) {
      db.write(h -> h.execute("INSERT INTO catalog_meta (key, value) VALUES ('kept', 'yes')"));
    }
    try (Database db = Database.open(file)) {  // the quick way: same schema, same data
      String kept = db.read(h -> h.createQuery("SELECT value FROM catalog_meta WHERE key = 'kept'").mapTo(String.class).one());
      assertThat(kept).isEqualTo("yes");
    }
  }

  private static Map<String, String> schema(Database db) {
    return db.read(h -> {
      Map<String, String> m = new TreeMap<>();
      h.createQuery("SELECT type || ' ' || name AS k, sql FROM sqlite_master"
              + " WHERE name NOT LIKE 'sqlite_stat%' AND sql IS NOT NULL")
          .map((rs, ctx) -> Map.entry(rs.getString("k"), rs.getString("sql").replaceAll("\\s+", " ")))
          .forEach(e -> m.put(e.getKey(), e.getValue()));
      return m;
    });
  }
}
