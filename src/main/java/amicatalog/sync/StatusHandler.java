package amicatalog.sync;

import amicatalog.app.App;
import amicatalog.web.AppContext;
import amicatalog.web.Chrome;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /health for machines, /sync for people, and the "Sync now" button. */
public final class StatusHandler {
  private StatusHandler() {}

  public static void health(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("images", app.search().liveImages());
    body.put("regions", app.search().liveRegions());
    body.put("mode", app.demoAsOf() != null ? "demo" : "live");
    if (app.demoAsOf() != null) body.put("demoAsOf", app.demoAsOf());
    body.put("syncRunning", app.indexer().isRunning());
    body.put("lastSync", SyncQueries.lastRun(app.db()).map(r -> {
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

  public static void page(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    List<SyncPage.RunView> runs = SyncQueries.recentRuns(app.db(), 10).stream()
        .map(r -> SyncPage.RunView.of(r, SyncQueries.listings(app.db(), r.id()))).toList();
    String notice = switch (ctx.queryParam("started") == null ? "" : ctx.queryParam("started")) {
      case "1" -> "A sync has started; this page follows it.";
      case "0" -> "A sync is already running; this page follows it.";
      default -> null;
    };
    ctx.render("sync/status.jte", Map.of("page", new SyncPage(Chrome.of(ctx, "Sync · AMI Catalog", "sync"),
        runs, app.indexer().isRunning(), syncOffReason(app), notice)));
  }

  public static void syncNow(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    String off = syncOffReason(app);
    if (off != null) throw new io.javalin.http.ConflictResponse(off);
    boolean started = app.syncNow().getAsBoolean();
    ctx.redirect("/sync?started=" + (started ? 1 : 0), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Why "Sync now" is not offered, or null when it is. */
  private static String syncOffReason(AppContext app) {
    if (app.demoAsOf() != null) {
      return "This is the bundled demo catalog; it does not sync. Start with AWS credentials and another --db to sync a real account.";
    }
    return null;
  }
}
