package amicatalog.sync;

import amicatalog.common.Dates;
import amicatalog.web.Layout;
import java.util.List;

/** The sync page: recent runs, the running one first, each with a row per (region, scope). */
public record SyncPage(Layout layout, List<RunView> runs, boolean running, String syncOff, String notice) {

  /** {@code byAccount}: the run listed through accounts (an Account column); {@code awsCalls}: "1,204 AWS calls" or empty. */
  public record RunView(long id, String trigger, String status, String started, String startedAgo,
      String took, String error, boolean byAccount, String awsCalls, List<ListingView> listings) {

    static RunView of(SyncQueries.Run r, List<SyncQueries.Listing> listings) {
      boolean byAccount = listings.stream().anyMatch(l -> l.account() != null);
      String calls = r.awsCalls() == null ? "" : String.format("%,d AWS call%s", r.awsCalls(), r.awsCalls() == 1 ? "" : "s");
      return new RunView(r.id(), r.trigger(), r.status(), r.startedAt(), Dates.relative(r.startedAt()),
          duration(r.startedAt(), r.finishedAt()), r.error(), byAccount, calls, listings.stream().map(ListingView::of).toList());
    }
  }

  /** {@code account}: who listed ("every account" for a region's public scopes when none could); empty without accounts. */
  public record ListingView(String account, String region, String scope, String status, int pages, int seen, int added,
      int changed, int removed, String error, String note, int percent, String took, String permissions) {

    static ListingView of(SyncQueries.Listing l) {
      // A failed listing shows how far it got, not a full bar.
      int percent = "ok".equals(l.status()) ? 100
          : l.expected() == null || l.expected() == 0 ? 0 : Math.min(99, l.seen() * 100 / l.expected());
      return new ListingView(l.account() == null ? "—" : l.account(), l.region(), l.scope(), l.status(), l.pages(), l.seen(), l.added(), l.changed(),
          l.removed(), l.error(), ListingResult.duplicatesNote(l.duplicates()), percent,
          duration(l.startedAt(), l.finishedAt()), l.permissions());
    }
  }

  static String duration(String start, String end) {
    if (start == null || end == null) return "";
    long ms = java.time.Duration.between(java.time.Instant.parse(start), java.time.Instant.parse(end)).toMillis();
    return ms < 60_000 ? String.format("%.1f s", ms / 1000.0) : String.format("%d min %d s", ms / 60_000, ms / 1000 % 60);
  }
}
