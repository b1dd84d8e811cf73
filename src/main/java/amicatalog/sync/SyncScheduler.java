package amicatalog.sync;

import amicatalog.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sync in the background every interval, never more than one at a time, and at start
 * when the catalog is empty or its last good sync is older than the interval.
 */
public final class SyncScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

  private final Database db;
  private final Duration interval;
  private final Function<String, Optional<RunResult>> sync;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sync-scheduler");
    t.setDaemon(true);
    return t;
  });

  /**
   * {@code sync} runs one sync with the given trigger ("schedule", or "sync now" for the button)
   * unless one is running (empty then), as {@link Indexer#tryRun} does.
   */
  public SyncScheduler(Database db, Duration interval, Function<String, Optional<RunResult>> sync) {
    this.db = db;
    this.interval = interval;
    this.sync = sync;
  }

  public void start() {
    long first = isStale() ? 0 : interval.toSeconds();
    timer.scheduleWithFixedDelay(() -> runQuietly("schedule"), first, interval.toSeconds(), TimeUnit.SECONDS);
  }

  /** Starts a sync now in the background, recorded with this trigger ("sync now by NAME"); false when one is already running. */
  public boolean runNow(Indexer indexer, String trigger) {
    if (indexer.isRunning()) return false;
    timer.execute(() -> runQuietly(trigger));
    return true;
  }

  private boolean isStale() {
    Optional<String> lastGood = db.read(h -> h.createQuery(
            "SELECT max(finished_at) FROM sync_runs WHERE status IN ('ok', 'partial') AND trigger <> 'import'")
        .mapTo(String.class).findOne());
    return lastGood.map(t -> Instant.parse(t).plus(interval).isBefore(Instant.now())).orElse(true);
  }

  private void runQuietly(String trigger) {
    try {
      sync.apply(trigger).ifPresentOrElse(
          r -> log.info("sync run {} ({}): {}", r.runId(), trigger, r.status()),
          () -> log.info("a sync is already running; skipped this turn"));
    } catch (RuntimeException e) {
      // A failed run is recorded in its sync rows; the schedule goes on.
      log.warn("sync failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
