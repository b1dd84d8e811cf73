package amicatalog.sync;

import amicatalog.db.Database;
import amicatalog.image.LiveCounts;
import amicatalog.web.Layouts;
import amicatalog.web.SignedIn;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** /health for machines, /sync for people, and the "Sync now" button. */
public final class StatusHandler {
  private final Database db;
  private final Indexer indexer;
  private final LiveCounts counts;
  private final String demoAsOf;
  private final Predicate<String> syncNow;
  private final Layouts layouts;

  /** {@code syncNow} starts a sync in the background with the trigger given, false when one runs; {@code demoAsOf} is set for the demo catalog. */
  public StatusHandler(Database db, Indexer indexer, LiveCounts counts, String demoAsOf, Predicate<String> syncNow,
      Layouts layouts) {
    this.db = db;
    this.indexer = indexer;
    this.counts = counts;
    this.demoAsOf = demoAsOf;
    this.syncNow = syncNow;
    this.layouts = layouts;
  }

  public void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("images", counts.liveImages());
    body.put("regions", counts.liveRegions());
    body.put("mode", demoAsOf != null ? "demo" : "live");
    if (demoAsOf != null) body.put("demoAsOf", demoAsOf);
    body.put("syncRunning", indexer.isRunning());
    body.put("lastSync", SyncQueries.lastRun(db).map(r -> {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("id", r.id());
      run.put("status", r.status());
      run.put("trigger", r.trigger());
      run.put("startedAt", r.startedAt());
      run.put("finishedAt", r.finishedAt());
      return run;
    }).orElse(null));
    ctx.json(body);
  }

  public void page(Context ctx) {
    List<SyncPage.RunView> runs = SyncQueries.recentRuns(db, 10).stream()
        .map(r -> SyncPage.RunView.of(r, SyncQueries.listings(db, r.id()))).toList();
    // The notice is about the run "Sync now" started: once no run is going, the runs below say how it ended.
    String notice = !indexer.isRunning() ? null : switch (ctx.queryParam("started") == null ? "" : ctx.queryParam("started")) {
      case "1" -> "A sync has started; this page follows it.";
      case "0" -> "A sync is already running; this page follows it.";
      default -> null;
    };
    ctx.render("sync/status.jte", Map.of("page", new SyncPage(layouts.of(ctx, "Sync · AMI Catalog", "sync"),
        runs, indexer.isRunning(), syncOffReason(), notice)));
  }

  public void syncNow(Context ctx) {
    String off = syncOffReason();
    if (off != null) throw new io.javalin.http.ConflictResponse(off);
    SignedIn who = SignedIn.of(ctx);
    boolean started = syncNow.test(who == null ? "sync now" : "sync now by " + who.name());
    ctx.redirect("/sync?started=" + (started ? 1 : 0), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Why "Sync now" is not offered, or null when it is. */
  private String syncOffReason() {
    if (demoAsOf != null) {
      return "This is the bundled demo catalog; it does not sync. Start with AWS credentials and another --db to sync a real account."
          + " Its Fedora CoreOS history (when each release appeared, and the deprecations derived from the stream files)"
          + " was replayed from the stream files when the demo was loaded.";
    }
    return null;
  }
}
