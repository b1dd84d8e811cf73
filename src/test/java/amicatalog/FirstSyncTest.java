package amicatalog;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.catalog.CatalogSearch;
import amicatalog.db.Database;
import amicatalog.indexer.RunResult;
import amicatalog.indexer.Scope;
import amicatalog.testing.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first sync of an empty catalog, as `serve` runs it: a bulk load (indexes dropped until it
 * ends) with the search refreshed after each listing. It once failed the whole run, because a
 * refresh asked for an index the load had dropped.
 */
class FirstSyncTest {
  @TempDir Path dir;

  @Test
  void theFirstSyncOfAnEmptyCatalogEndsOkAndEveryImageIsSearchable() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    Config config = new Config(dir.resolve("c.db"), List.of("us-east-1", "eu-west-1"), Set.of(Scope.AMAZON), List.of(),
        moto.endpoint(), "127.0.0.1", 0, Duration.ZERO, false, false);
    try (Database db = Database.open(config.db()); AwsAccess aws = new AwsAccess(moto.endpoint())) {
      CatalogSearch search = new CatalogSearch(db);

      RunResult run = SyncCommand.sync(config, db, aws, "schedule", new ServeCommand.RefreshingListener(search));

      assertThat(run.status()).isEqualTo("ok");
      int stored = db.read(h -> h.createQuery("SELECT count(*) FROM images").mapTo(Integer.class).one());
      assertThat(stored).isGreaterThan(2000);
      assertThat(search.liveImages()).isEqualTo(stored);
    }
  }
}
