package amicatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.PostgresServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI says the real reason at once: a taken port, a host that is not ours, a folder that is not there, the demo file. */
class ServeErrorsTest {
  @TempDir Path dir;

  @Test
  void aTakenPortIsSaidBeforeAnythingIsLoaded() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      long start = System.nanoTime();
      UserCommandTest.Run run = UserCommandTest.run("", "serve", "--port", String.valueOf(taken.getLocalPort()),
          "--db", dir.resolve("c.db").toString(), "--sync-interval", "0");
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
      assertThat(Files.exists(dir.resolve("c.db"))).as("nothing loaded").isFalse();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
  }

  @Test
  void aHostThatIsNotThisMachinesAndAMissingFolderAreSaidSo() {
    UserCommandTest.Run unresolvable = UserCommandTest.run("", "serve", "--host", "no-such-host.invalid", "--db",
        dir.resolve("c.db").toString());
    assertThat(unresolvable.err()).contains("not a name this machine can resolve");
    UserCommandTest.Run foreign = UserCommandTest.run("", "serve", "--host", "192.0.2.1", "--port", "7999", "--db",
        dir.resolve("c.db").toString());
    assertThat(foreign.err()).contains("is not an address of this machine");
    UserCommandTest.Run missing = UserCommandTest.run("", "sync", "--db", dir.resolve("nope/c.db").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist");
  }

  /**
   * --db takes a PostgreSQL address: the commands open (and migrate) the database and keep the
   * catalog there; one that cannot be reached is said so, with the address and without its password.
   */
  @Test
  void aPostgresAddressIsTheStoreAndOneThatCannotBeReachedIsSaidWithoutItsPassword() {
    String address = PostgresServer.get().newDatabase().toString();
    assertThat(UserCommandTest.run("a long enough password\n", "user", "add", "ann", "--role", "operator", "--db", address).exit())
        .isZero();
    assertThat(UserCommandTest.run("", "user", "list", "--db", address).out()).contains("ann").contains("operator");

    UserCommandTest.Run run = UserCommandTest.run("", "sync", "--db", "postgresql://catalog:hunter2@127.0.0.1:1/amis");
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("cannot open the catalog postgresql://catalog:***@127.0.0.1:1/amis").doesNotContain("hunter2");
    assertThat(dir.getParent().resolve("postgresql:")).doesNotExist();
  }

  /** The search index opens while the web app is put together: when it cannot, serve stops and says why. */
  @Test
  void aSearchIndexThatCannotOpenStopsTheStartWithTheReason() throws IOException {
    Path catalog = dir.resolve("c.db");
    amicatalog.db.Database.open(catalog).close();
    Files.writeString(dir.resolve("c.db.search"), "a file where the index folder goes");
    long start = System.nanoTime();
    UserCommandTest.Run run = UserCommandTest.run("", "serve", "--port", "0", "--db", catalog.toString(), "--sync-interval", "0");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("cannot update the search index").contains("c.db.search");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(30_000);
  }
}
