package amicatalog.sync;

import amicatalog.image.Scope;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** Prints a sync as it runs (a line per page) and a per-region summary at the end. */
public final class ConsoleProgress implements SyncListener {
  private final PrintStream out;

  public ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void runStarted(long runId, List<String> regions, Set<Scope> scopes) {
    out.printf("sync run %d: %d region(s) x %s%n", runId, regions.size(),
        scopes.stream().map(Scope::label).toList());
  }

  @Override
  public synchronized void pageWritten(String region, Scope scope, int pages, int images) {
    out.printf("  %-15s %-11s page %d, %,d %s%n", region, scope.label(), pages, images, things(scope));
  }

  @Override
  public synchronized void listingFinished(ListingResult r) {
    out.printf("  %-15s %-11s %s%n", where(r), r.scope().label(),
        r.ok() ? (r.scope().listsImages()
            ? String.format("done: %,d images, %d added, %d changed, %d removed", r.seen(), r.added(), r.changed(), r.removed())
            : String.format("done: %,d instances, %d gone since the last listing", r.seen(), r.removed()))
            + (r.duplicates() > 0 ? "; " + r.duplicatesNote() : "")
            : "FAILED: " + r.error());
  }

  @Override
  public synchronized void permissionsRead(String account, String region, String said) {
    out.printf("  %-15s %-11s %s%n", account + " " + region, "permissions", said);
  }

  /** The listing's region, after its account when it has one. */
  private static String where(ListingResult r) {
    return r.account() == null ? r.region() : r.account() + " " + r.region();
  }

  /** What a listing of the scope counts. */
  private static String things(Scope scope) {
    return scope.listsImages() ? "images" : "instances";
  }

  @Override
  public synchronized void runFinished(RunResult result) {
    out.println();
    boolean accounts = result.listings().stream().anyMatch(r -> r.account() != null);
    out.printf("%-" + (accounts ? 28 : 15) + "s %-11s %-6s %6s %8s %7s %7s %7s %8s%n",
        accounts ? "account      region" : "region", "scope", "status", "pages", "listed", "added", "changed", "removed", "time");
    for (ListingResult r : result.listings()) {
      out.printf("%-" + (accounts ? 28 : 15) + "s %-11s %-6s %6d %,8d %,7d %,7d %,7d %7.1fs%n", where(r), r.scope().label(),
          r.ok() ? "ok" : "FAILED", r.pages(), r.seen(), r.added(), r.changed(), r.removed(),
          r.took().toMillis() / 1000.0);
      if (!r.ok()) {
        out.printf("    %s (%s)%n", r.error(), r.scope().listsImages() ? "nothing in this listing was marked removed"
            : "the instances of the last good listing are kept");
      }
      if (r.duplicates() > 0) out.printf("    %s%n", r.duplicatesNote());
    }
    List<String> failed = result.failedRegions();
    out.printf("%nrun %d: %s%s%n", result.runId(), result.status(),
        failed.isEmpty() ? "" : " - failed region(s): " + String.join(", ", failed));
  }
}
