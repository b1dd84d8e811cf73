package amicatalog.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * The catalog's schema on a PostgreSQL store (issue 18): migrations/postgresql, which builds what
 * migrations/sqlite builds (SchemaParityTest). Flyway takes PostgreSQL's advisory lock while it
 * migrates, so replicas that start together migrate once.
 */
public final class PostgresSchema {
  /** The PostgreSQL store's migrations: their own folder, so that its Flyway never sees SQLite's. */
  static final String MIGRATIONS = "classpath:db/migration/postgresql";

  private PostgresSchema() {}

  /** Brings the database's schema up to date; answers the version it is at. */
  public static int migrate(Store.Postgres store) {
    try {
      Flyway.configure()
          .dataSource(store.jdbcUrl(), store.user(), store.password())
          .locations(MIGRATIONS)
          .load()
          .migrate();
      try (Connection c = connect(store); var s = c.createStatement();
           var r = s.executeQuery("SELECT max(CAST(version AS integer)) FROM flyway_schema_history WHERE success")) {
        r.next();
        return r.getInt(1);
      }
    } catch (SQLException | RuntimeException e) {
      throw new IllegalStateException("cannot open the catalog " + store + ": " + withoutCredentials(e.getMessage(), store));
    }
  }

  /**
   * A driver's or Flyway's message with the store's address as it prints and no password: Flyway
   * writes the whole JDBC address (a query may carry a password) into its messages.
   */
  static String withoutCredentials(String message, Store.Postgres store) {
    String m = String.valueOf(message).replace(store.jdbcUrl(), store.toString());
    return store.password() == null || store.password().isEmpty() ? m : m.replace(store.password(), "***");
  }

  /** A Jdbi over the store that speaks its dialect (one connection a handle, no pool yet). */
  public static org.jdbi.v3.core.Jdbi jdbi(Store.Postgres store) {
    org.jdbi.v3.core.Jdbi jdbi = org.jdbi.v3.core.Jdbi.create(() -> connect(store));
    jdbi.getConfig(Dialect.Setting.class).set(Dialect.POSTGRESQL);
    return jdbi;
  }

  /** A connection to the store, its credentials given to the driver rather than written in the address. */
  public static Connection connect(Store.Postgres store) throws SQLException {
    Properties p = new Properties();
    if (store.user() != null) p.setProperty("user", store.user());
    if (store.password() != null) p.setProperty("password", store.password());
    return DriverManager.getConnection(store.jdbcUrl(), p);
  }
}
