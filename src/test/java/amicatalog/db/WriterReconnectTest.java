package amicatalog.db;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL server that drops the catalog's connections (a restart, a fail-over, an admin's
 * pg_terminate_backend) costs at most the write under way: the next one opens a new connection,
 * and what was written before is there.
 */
class WriterReconnectTest {
  @Test
  void aWriteAfterTheServerDroppedTheConnectionsWorks() throws Exception {
    Store.Postgres store = PostgresServer.get().newDatabase();
    try (Database db = Database.open(store)) {
      db.write(h -> h.execute("INSERT INTO catalog_meta (key, value) VALUES ('before', 'kept')"));
      String database = store.jdbcUrl().substring(store.jdbcUrl().lastIndexOf('/') + 1);
      try (Connection admin = DriverManager.getConnection(store.jdbcUrl().replace("/" + database, "/postgres"), store.user(), store.password());
           var s = admin.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ?")) {
        s.setString(1, database);
        try (var r = s.executeQuery()) {
          r.next();
          assertThat(r.getInt(1)).as("the catalog's connections dropped").isPositive();
        }
      }
      try {
        db.write(h -> h.execute("INSERT INTO catalog_meta (key, value) VALUES ('during', 'maybe')"));
      } catch (RuntimeException lostWithTheConnection) {
        // The write under way when the connection went may fail; it was not committed.
      }
      db.write(h -> h.execute("INSERT INTO catalog_meta (key, value) VALUES ('after', 'written')"));
      java.util.List<String> kept = db.read(h -> h.createQuery("SELECT key FROM catalog_meta WHERE key IN ('before', 'after') ORDER BY key")
          .mapTo(String.class).list());
      assertThat(kept).containsExactly("after", "before");
    }
  }
}
