package amicatalog.sync;

import amicatalog.db.Database;
import java.util.List;
import java.util.Optional;

/** What the sync rows say: the runs, and each run's per-(account, region, scope) listings. */
final class SyncQueries {
  private SyncQueries() {}

  record Run(long id, String trigger, String status, String startedAt, String finishedAt, String error, Long awsCalls) {}

  /** {@code account}: the listing account as people know it ("workloads (222222222222)"), null for none. */
  record Listing(long runId, String account, String region, String scope, String status, boolean complete, int pages, int seen,
      int added, int changed, int removed, int duplicates, String error, String startedAt, String finishedAt,
      Integer expected, String permissions) {}

  static Optional<Run> lastRun(Database db) {
    return db.read(h -> h.createQuery("SELECT id, trigger, status, started_at, finished_at, error, aws_calls FROM sync_runs "
        + "ORDER BY id DESC LIMIT 1").mapTo(Run.class).findOne());
  }

  static List<Run> recentRuns(Database db, int limit) {
    return db.read(h -> h.createQuery("SELECT id, trigger, status, started_at, finished_at, error, aws_calls FROM sync_runs "
        + "ORDER BY id DESC LIMIT ?").bind(0, limit).mapTo(Run.class).list());
  }

  /** A run's listings, each with how many images the previous complete listing saw (for progress). */
  static List<Listing> listings(Database db, long runId) {
    return db.read(h -> h.createQuery("""
            SELECT l.run_id,
                   CASE WHEN a.label IS NULL THEN l.account_id ELSE a.label || ' (' || l.account_id || ')' END AS account,
                   l.region, l.scope, l.status, l.complete, l.pages, l.seen, l.added, l.changed,
                   l.removed, l.duplicates, l.error, l.started_at, l.finished_at,
                   (SELECT p.seen FROM sync_listings p WHERE p.region = l.region AND p.scope = l.scope
                      AND p.account_id IS NOT DISTINCT FROM l.account_id AND p.complete AND p.id < l.id ORDER BY p.id DESC LIMIT 1) AS expected,
                   l.permissions
            FROM sync_listings l LEFT JOIN accounts a ON a.id = l.account_id
            WHERE l.run_id = ? ORDER BY l.account_id, l.region, l.scope""")
        .bind(0, runId).mapTo(Listing.class).list());
  }
}
