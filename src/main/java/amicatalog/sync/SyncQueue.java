package amicatalog.sync;

import amicatalog.db.Database;
import amicatalog.db.Dialect;
import amicatalog.image.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The listings of runs handed to sync workers (issue 18; migrations V17): `serve` or `sync
 * --enqueue` queues a run's (account, region, scope) listings, `sync --worker` processes take them
 * one at a time under a lease they renew while they list. A worker that dies stops renewing; once
 * its lease is past, another takes the listing over, and the dead worker's listing is recorded as
 * failed (it was never complete, so it removed nothing).
 */
public final class SyncQueue {
  private SyncQueue() {}

  /** A listing a worker holds: its queue row, its run, what to list, and whether the run is a cold load. */
  public record Taken(long id, long runId, String account, String region, Scope scope, boolean coldLoad, Long abandonedListing) {}

  /**
   * Queues a run of {@code plan}: one row per listing. A part that cannot list (its account not
   * reached) is recorded as failed at once, as a run in one process records it. Answers the run's id.
   */
  public static long enqueue(Database db, String trigger, SyncPlan plan) {
    CatalogWriter writer = new CatalogWriter(db);
    boolean coldLoad = writer.catalogIsEmpty();
    long runId = writer.startQueuedRun(trigger);
    for (SyncPlan.Part part : plan.parts()) {
      for (Scope scope : part.scopes()) {
        if (part.failure() != null) {  // done already, its listing failed with the reason
          long listingId = writer.startListing(runId, part.account(), part.region(), scope);
          writer.finishListing(listingId, part.account(), part.region(), scope, false, part.failure());
          db.write(h -> h.execute("INSERT INTO sync_queue (run_id, account_id, region, scope, cold_load, listing_id, done_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)", runId, part.account(), part.region(), scope.label(), coldLoad, listingId,
              Instant.now().toString()));
          continue;
        }
        db.write(h -> h.execute("INSERT INTO sync_queue (run_id, account_id, region, scope, cold_load) VALUES (?, ?, ?, ?, ?)",
            runId, part.account(), part.region(), scope.label(), coldLoad));
      }
    }
    if (!plan.accounts().isEmpty()) writer.noteAccounts(plan.accounts(), plan.organizationId());
    finishIfDone(db, runId);  // a run whose every part failed
    return runId;
  }

  /**
   * Takes the oldest open listing whose lease is free or past, for {@code worker}, until {@code
   * lease} from now; empty when there is none. Two workers never take the same row: PostgreSQL
   * skips a row another transaction holds, and SQLite has one writer at a time.
   */
  public static Optional<Taken> take(Database db, String worker, Duration lease) {
    Instant now = Instant.now();
    return db.write(h -> {
      Optional<Taken> taken = h.createQuery("""
              UPDATE sync_queue SET worker = :worker, lease_until = :until, attempts = attempts + 1
              WHERE id = (SELECT id FROM sync_queue WHERE done_at IS NULL AND (lease_until IS NULL OR lease_until < :now)
                          ORDER BY id LIMIT 1%s)
              RETURNING id, run_id, account_id, region, scope, cold_load, listing_id""".formatted(Dialect.of(h).skipLocked()))
          .bind("worker", worker).bind("until", now.plus(lease).toString()).bind("now", now.toString())
          .map((rs, ctx) -> new Taken(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), Scope.parse(rs.getString(5)),
              rs.getBoolean(6), rs.getObject(7) == null ? null : rs.getLong(7)))
          .findOne();
      // The listing a worker that lost its lease left running: it never completed, so it removed nothing.
      taken.map(Taken::abandonedListing).ifPresent(listing -> h.execute("""
          UPDATE sync_listings SET status = 'failed', finished_at = ?,
            error = 'the worker listing it stopped (its lease ran out); another worker listed it again'
          WHERE id = ? AND finished_at IS NULL""", now.toString(), listing));
      return taken;
    });
  }

  /** Notes the listing the holder writes, so that a worker taking it over can end it. */
  static void started(Database db, Taken taken, String worker, long listingId) {
    db.write(h -> h.execute("UPDATE sync_queue SET listing_id = ? WHERE id = ? AND worker = ?", listingId, taken.id(), worker));
  }

  /** Moves the lease on; false when another worker has taken the listing over (this one should stop). */
  static boolean renew(Database db, Taken taken, String worker, Duration lease) {
    return db.write(h -> h.execute("UPDATE sync_queue SET lease_until = ? WHERE id = ? AND worker = ? AND done_at IS NULL",
        Instant.now().plus(lease).toString(), taken.id(), worker)) == 1;
  }

  /** Marks the listing done by its lease holder; false when the lease had gone to another worker. */
  static boolean done(Database db, Taken taken, String worker) {
    return db.write(h -> h.execute("UPDATE sync_queue SET done_at = ? WHERE id = ? AND worker = ? AND done_at IS NULL",
        Instant.now().toString(), taken.id(), worker)) == 1;
  }

  /** Whether some queued listing, of any run, is not done yet. */
  public static boolean anyOpen(Database db) {
    return db.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM sync_queue WHERE done_at IS NULL)").mapTo(Boolean.class).one());
  }

  /**
   * Ends the run when all its listings are done, with the status of each one's last listing (a
   * listing taken over counts by how the new one went). One worker ends it: two that finish the
   * last listings at once both ask, and the run's row lets only one change it. That one then does
   * the end-of-run work (family keys, deprecations, drift). Answers whether this call ended it.
   */
  static boolean finishIfDone(Database db, long runId) {
    String now = Instant.now().toString();
    boolean ended = db.write(h -> h.execute("""
        UPDATE sync_runs SET finished_at = ?, status = (
          SELECT CASE WHEN count(*) FILTER (WHERE l.status <> 'ok') = 0 THEN 'ok'
                      WHEN count(*) FILTER (WHERE l.status <> 'ok') = count(*) THEN 'failed' ELSE 'partial' END
          FROM sync_queue q JOIN sync_listings l ON l.id = q.listing_id WHERE q.run_id = ?)
        WHERE id = ? AND finished_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM sync_queue WHERE run_id = ? AND done_at IS NULL)""", now, runId, runId, runId)) == 1;
    if (!ended) return false;
    boolean listedInstances = db.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM sync_queue WHERE run_id = ? AND scope = ?)")
        .bind(0, runId).bind(1, Scope.INSTANCES.label()).mapTo(Boolean.class).one());
    FamilyKeys.fillAll(db);
    Deprecations.notePassed(db);
    if (listedInstances) DriftingFamilies.note(db);
    return true;
  }
}
