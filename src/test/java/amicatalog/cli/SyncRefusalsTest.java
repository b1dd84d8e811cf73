package amicatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import amicatalog.sync.Indexer;
import amicatalog.sync.RunResult;
import amicatalog.sync.SyncListener;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync that cannot start is recorded with its reason (not claimed as started); the demo file takes no sync. */
class SyncRefusalsTest {
  @TempDir Path dir;

  @Test
  void aSyncThatCannotListTheRegionsIsRecordedAsFailedWithTheReason() {
    URI nowhere = URI.create("http://127.0.0.1:1");
    Config config = new Config(new amicatalog.db.Store.SqliteFile(dir.resolve("c.db")), List.of(), Set.of(Scope.AMAZON), List.of(), nowhere, "127.0.0.1", 0,
        Duration.ZERO, false, false, List.of(), null, List.of(), null, null);
    try (Database db = Database.open(config.db()); AwsAccess aws = new AwsAccess(nowhere)) {
      RunResult run = SyncCommand.trySync(config, new Indexer(db), amicatalog.aws.Accounts.single(aws), "sync now", SyncListener.NONE).orElseThrow();

      assertThat(run.status()).isEqualTo("failed");
      String error = db.read(h -> h.createQuery("SELECT error FROM sync_runs WHERE id = ?").bind(0, run.runId())
          .mapTo(String.class).one());
      assertThat(error).contains("could not be reached to find the accounts to list");
    }
  }

  @Test
  void syncAndImportRefuseTheDemoCatalogFile() {
    Path file = dir.resolve("demo.db");
    try (Database db = Database.open(file)) {
      db.write(h -> h.execute("INSERT INTO catalog_meta (key, value) VALUES ('demo_as_of', '2026-07-21')"));
    }
    UserCommandTest.Run sync = UserCommandTest.run("", "sync", "--db", file.toString(), "--regions", "us-east-1",
        "--endpoint", "http://127.0.0.1:1");
    assertThat(sync.exit()).isEqualTo(2);
    assertThat(sync.err()).contains("is the bundled demo catalog");
  }
}
