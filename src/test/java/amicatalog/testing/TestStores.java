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
}
