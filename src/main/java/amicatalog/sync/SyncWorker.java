package amicatalog.sync;

import amicatalog.db.Database;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * A `sync --worker` process's loop (issue 18): takes a queued listing ({@link SyncQueue}), lists it
 * as a run in one process would, renewing its lease meanwhile, marks it done, and ends the run
 * when it was the run's last. Several workers (on as many machines) share one PostgreSQL store.
 */
public final class SyncWorker {
  /** Where a worker finds the EC2 source of an account (null: the credentials' own), or why it cannot. */
  public interface Sources {
    ImageSource of(String account) throws Exception;
  }

  private final Database db;
  private final Indexer indexer;
  private final Sources sources;
  private final String name;
  private final Duration lease;
  private final SyncListener listener;

  public SyncWorker(Database db, Indexer indexer, Sources sources, String name, Duration lease, SyncListener listener) {
    this.db = db;
    this.indexer = indexer;
    this.sources = sources;
    this.name = name;
    this.lease = lease;
    this.listener = listener;
  }

  /** This process's name in the queue: its host and pid. */
  public static String processName() {
    return CatalogWriter.HOST + ":" + ProcessHandle.current().pid();
  }

  /** Lists queued listings until none is open; answers how many it listed. */
  public int drain() {
    int listed = 0;
    for (Optional<SyncQueue.Taken> taken; (taken = SyncQueue.take(db, name, lease)).isPresent(); listed++) list(taken.get());
    return listed;
  }

  /** Lists queued listings as they come, looking every {@code poll} when there are none, until interrupted. */
  public void run(Duration poll) throws InterruptedException {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        if (drain() > 0) continue;
      } catch (RuntimeException e) {  // the store out of reach for a moment: said, and tried again
        LoggerFactory.getLogger(SyncWorker.class).warn("could not take a listing from the queue: {}", Indexer.describe(e));
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private void list(SyncQueue.Taken taken) {
    AtomicBoolean lost = new AtomicBoolean();
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sync-lease");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, lease.toMillis() / 3);
    heartbeat.scheduleWithFixedDelay(() -> {
      try {
        if (!SyncQueue.renew(db, taken, name, lease)) lost.set(true);
      } catch (RuntimeException e) {  // tried again at the next beat; the lease outlasts two misses
        LoggerFactory.getLogger(SyncWorker.class).warn("could not renew the lease on a listing: {}", Indexer.describe(e));
      }
    }, every, every, TimeUnit.MILLISECONDS);
    try {
      ImageSource source = null;
      String failure = null;
      try {
        source = sources.of(taken.account());
      } catch (Exception e) {
        failure = "this worker cannot reach account " + taken.account() + ": " + Indexer.describe(e);
      }
      indexer.listQueued(taken, source, failure, listener, new Indexer.Lease() {
        @Override public void started(long listingId) {
          SyncQueue.started(db, taken, name, listingId);
        }

        @Override public boolean lost() {
          return lost.get();
        }
      });
    } finally {
      heartbeat.shutdownNow();
    }
    if (SyncQueue.done(db, taken, name)) SyncQueue.finishIfDone(db, taken.runId());
  }
}
