package amicatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import amicatalog.search.CatalogSearch;
import amicatalog.sync.Indexer;
import amicatalog.sync.RunResult;
import amicatalog.sync.SyncListener;
import amicatalog.sync.SyncScheduler;
import amicatalog.testing.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs as `serve` runs them. The first sync of an empty catalog is a bulk load (indexes dropped
 * until it ends) with the search refreshed after each listing: it once failed the whole run,
 * because a refresh asked for an index the load had dropped. And "Sync now" during a run once
 * queued another run, because the schedule ran on an indexer of its own.
 */
class FirstSyncTest {
  @TempDir Path dir;

  @Test
  void theFirstSyncOfAnEmptyCatalogEndsOkAndEveryImageIsSearchable() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    Config config = new Config(new amicatalog.db.Store.SqliteFile(dir.resolve("c.db")), List.of("us-east-1", "eu-west-1"), Set.of(Scope.AMAZON), List.of(),
        moto.endpoint(), "127.0.0.1", 0, Duration.ZERO, false, false, List.of(), null, List.of(), null, null);
    try (Database db = Database.open(config.db()); AwsAccess aws = new AwsAccess(moto.endpoint());
         CatalogSearch search = new CatalogSearch(db)) {

      RunResult run = SyncCommand.trySync(config, new Indexer(db), amicatalog.aws.Accounts.single(aws), "schedule", new ServeCommand.RefreshingListener(search, new amicatalog.metrics.Metrics()))
          .orElseThrow();

      assertThat(run.status()).isEqualTo("ok");
      int stored = db.read(h -> h.createQuery("SELECT count(*) FROM images").mapTo(Integer.class).one());
      assertThat(stored).isGreaterThan(2000);
      assertThat(search.liveImages()).isEqualTo(stored);
    }
  }

  @Test
  void syncNowDuringARunStartsNothingMoreAndTheRunSaysWhoStartedIt() throws Exception {
    MotoServer moto = MotoServer.get();
    Config config = new Config(new amicatalog.db.Store.SqliteFile(dir.resolve("n.db")), List.of("us-east-1"), Set.of(Scope.AMAZON), List.of(),
        moto.endpoint(), "127.0.0.1", 0, Duration.ZERO, false, false, List.of(), null, List.of(), null, null);
    try (Database db = Database.open(config.db()); AwsAccess aws = new AwsAccess(moto.endpoint())) {
      Indexer indexer = new Indexer(db);
      CountDownLatch listing = new CountDownLatch(1), release = new CountDownLatch(1);
      SyncListener slow = new SyncListener() {
        @Override
        public void listingFinished(amicatalog.sync.ListingResult result) {
          listing.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      };
      CompletableFuture<RunResult> ended = new CompletableFuture<>();
      try (SyncScheduler scheduler = new SyncScheduler(db, Duration.ofHours(6), trigger -> {
        Optional<RunResult> run = SyncCommand.trySync(config, indexer, amicatalog.aws.Accounts.single(aws), trigger, slow);
        run.ifPresent(ended::complete);
        return run;
      })) {
        assertThat(scheduler.runNow(indexer, "sync now")).isTrue();
        assertThat(listing.await(60, TimeUnit.SECONDS)).isTrue();

        assertThat(indexer.isRunning()).isTrue();
        assertThat(scheduler.runNow(indexer, "sync now")).as("a second press while it runs").isFalse();
        release.countDown();
        ended.get(60, TimeUnit.SECONDS);  // before close() interrupts it
      }
      List<String> runs = db.read(h -> h.createQuery("SELECT trigger || ' ' || status FROM sync_runs").mapTo(String.class).list());
      assertThat(runs).containsExactly("sync now ok");
    }
  }
}
