package amicatalog.testing;

import amicatalog.db.Database;
import amicatalog.db.Store;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store the tests' catalogs live in: a SQLite file in the test's folder, or, when the tests run
 * with {@code -Damicatalog.test.store=postgresql} (.ci/run's second pass), a new database on the
 * throwaway PostgreSQL cluster ({@link PostgresServer}). A folder names one catalog: opened again,
 * it is the same store, as a file opened again is the same file.
 */
public final class TestStores {
  private TestStores() {}

  /** Whether this run's catalogs are PostgreSQL databases. */
  public static final boolean POSTGRESQL = "postgresql".equals(System.getProperty("amicatalog.test.store"));

  private static final Map<Path, Store> STORES = new ConcurrentHashMap<>();

  /** The store of the catalog kept in {@code dir}. */
  public static Store store(Path dir) {
    return STORES.computeIfAbsent(dir.toAbsolutePath(), d ->
        POSTGRESQL ? PostgresServer.get().newDatabase() : new Store.SqliteFile(d.resolve("catalog.db")));
  }

  /** Opens the catalog kept in {@code dir}, made and migrated if new. */
  public static Database open(Path dir) {
    return Database.open(store(dir));
  }

  /** How many rows each table of the catalog holds (the full-text index's own tables left out). */
  public static Map<String, Long> rowCounts(Database db) {
    String tables = switch (db.dialect()) {
      case SQLITE -> "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'images_fts%'";
      case POSTGRESQL -> "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
    };
    return db.read(h -> {
      Map<String, Long> counts = new java.util.TreeMap<>();
      for (String table : h.createQuery(tables).mapTo(String.class).list()) {
        counts.put(table, h.createQuery("SELECT count(*) FROM \"" + table + "\"").mapTo(Long.class).one());
      }
      return counts;
    });
  }

  /**
   * A number that moves whenever anything commits a write to the store: SQLite's data_version as
   * {@code watcher} (a connection of its own) sees it, or PostgreSQL's next transaction id (a read
   * takes none).
   */
  public static long writesSeenBy(java.sql.Connection watcher) throws java.sql.SQLException {
    boolean sqlite = watcher.getMetaData().getURL().startsWith("jdbc:sqlite:");
    try (var s = watcher.createStatement();
        var r = s.executeQuery(sqlite ? "PRAGMA data_version" : "SELECT CAST(pg_snapshot_xmax(pg_current_snapshot()) AS text)")) {
      r.next();
      return Long.parseLong(r.getString(1));
    }
  }

  /** A connection of its own to the catalog's store, for {@link #writesSeenBy}. */
  public static java.sql.Connection watcher(Database db) throws java.sql.SQLException {
    return db.store() instanceof Store.Postgres pg ? amicatalog.db.PostgresSchema.connect(pg)
        : java.sql.DriverManager.getConnection(db.url());
  }

  /** The SQL condition: {@code column} matches the GLOB {@code glob} (a constant of the test), in the store's dialect. */
  public static String glob(Database db, String column, String glob) {
    return db.dialect().matches(column, "'" + db.dialect().pattern(glob).replace("'", "''") + "'");
  }
}
