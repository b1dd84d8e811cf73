package amicatalog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amicatalog.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What --db names: a PostgreSQL address or a SQLite file; a password never shows when a store is printed. */
class StoreTest {
  @Test
  void aFileNameIsASqliteCatalog() {
    assertThat(Store.parse("ami-catalog.db")).isEqualTo(new Store.SqliteFile(Path.of("ami-catalog.db")));
    assertThat(Store.parse(" /var/lib/ami/catalog.db ")).isEqualTo(new Store.SqliteFile(Path.of("/var/lib/ami/catalog.db")));
    assertThat(Store.parse("postgresql.db")).isInstanceOf(Store.SqliteFile.class);
  }

  @Test
  void aPostgresAddressGivesTheDriverItsCredentialsApart() {
    Store.Postgres pg = (Store.Postgres) Store.parse("postgresql://catalog:s%40cr%3At@db.internal:6543/amis?sslmode=require");
    assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/amis?sslmode=require");
    assertThat(pg.user()).isEqualTo("catalog");
    assertThat(pg.password()).isEqualTo("s@cr:t");
    assertThat(Store.parse("postgres://db/amis")).isEqualTo(new Store.Postgres("jdbc:postgresql://db/amis", null, null));
    assertThat(Store.parse("jdbc:postgresql://db:5432/amis")).isEqualTo(new Store.Postgres("jdbc:postgresql://db:5432/amis", null, null));
  }

  @Test
  void printedItShowsNoPassword() {
    Store pg = Store.parse("postgresql://catalog:hunter2@db.internal:6543/amis?sslmode=require&password=hunter3");
    assertThat(pg.toString()).isEqualTo("postgresql://catalog:***@db.internal:6543/amis?…").doesNotContain("hunter");
    assertThat(Store.parse("postgresql://db/amis")).hasToString("postgresql://db/amis");
  }

  @Test
  void aHostNameWithAnUnderscoreIsAHost() {
    assertThat(((Store.Postgres) Store.parse("postgresql://u:p@db_1:5432/amis")).jdbcUrl()).isEqualTo("jdbc:postgresql://db_1:5432/amis");
    assertThat(((Store.Postgres) Store.parse("postgresql://[::1]:5432/amis")).jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/amis");
  }

  /** Another scheme is an address all the same: taken for a file name, its password would be printed in "no such folder". */
  @Test
  void anotherSchemeIsRefusedWithoutItsPassword() {
    assertThatThrownBy(() -> Store.parse("postgresql+psycopg2://u:hunter2@db/amis"))
        .hasMessageContaining("postgresql+psycopg2://… is not a store this catalog knows").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Store.parse("mysql://u:hunter2@db/amis")).hasMessageNotContaining("hunter2");
  }

  @Test
  void anIncompleteAddressIsRefusedWithWhatToFix() {
    assertThatThrownBy(() -> Store.parse("postgresql://db.internal")).hasMessageContaining("names no database");
    assertThatThrownBy(() -> Store.parse("postgresql:///amis")).hasMessageContaining("names no host");
    assertThatThrownBy(() -> Store.parse("postgresql://u:pa ss@db/amis")).hasMessageContaining("percent-encoding")
        .hasMessageNotContaining("pa ss");
  }

  /** Flyway writes the whole JDBC address into its messages: the password, in the address's query too, is not repeated. */
  @Test
  void aFailureToOpenSaysNoPassword() {
    Store.Postgres db = PostgresServer.get().newDatabase();
    Store.Postgres nobody = (Store.Postgres) Store.parse(db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://nobody@")
        + "?password=hunter3");
    assertThatThrownBy(() -> PostgresSchema.migrate(nobody)).hasMessageNotContaining("hunter3");
    assertThat(PostgresSchema.withoutCredentials("at jdbc:postgresql://h/d?password=x, x", new Store.Postgres(
        "jdbc:postgresql://h/d?password=x", "u", "hunter2"))).isEqualTo("at postgresql://u:***@h/d?…, x");
  }

  /** A wrong password is said as PostgreSQL says it, and the store is named without the password given. */
  @Test
  void aRefusedSignInSaysWhyWithoutThePassword() {
    Store.Postgres db = PostgresServer.get().newDatabase();
    Store.Postgres wrongUser = (Store.Postgres) Store.parse(
        db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://nobody:hunter2@"));
    assertThatThrownBy(() -> PostgresSchema.migrate(wrongUser))
        .hasMessageContaining("cannot open the catalog postgresql://nobody:***@")
        .hasMessageContaining("nobody")
        .hasMessageNotContaining("hunter2");
  }
}
