package amicatalog.copy;

import amicatalog.actions.ActionLog;
import amicatalog.common.Dates;
import amicatalog.db.Database;
import amicatalog.web.Layouts;
import amicatalog.web.Urls;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /audit/copies: the copies and new images, as {@link PendingImages} last heard from EC2 about
 * them. A view only reads.
 */
public final class ProgressHandler {
  private static final int SHOWN = 100;

  private final Database db;
  private final PendingImages pending;
  private final Layouts layouts;

  public ProgressHandler(Database db, PendingImages pending, Layouts layouts) {
    this.db = db;
    this.pending = pending;
    this.layouts = layouts;
  }

  public void page(Context ctx) {
    String batch = ctx.queryParam("batch");
    String notice = pending.problem();
    List<ActionLog.Entry> entries = ActionLog.recent(db, SHOWN);
    Set<String> indexed = ActionLog.indexed(db, entries.stream().filter(e -> e.newImageId() != null)
        .map(e -> List.of(e.region(), e.newImageId())).toList());
    List<ProgressPage.Row> rows = new ArrayList<>();
    for (ActionLog.Entry e : entries) rows.add(row(e, indexed, batch));
    boolean pending = entries.stream().anyMatch(e -> ActionLog.PENDING.equals(e.status()));
    ctx.render("copy/progress.jte", Map.of("page", new ProgressPage(
        layouts.of(ctx, "Copies and new images · AMI Catalog", "audit"), rows, pending, notice, "/sync")));
  }

  private ProgressPage.Row row(ActionLog.Entry e, Set<String> indexed, String batch) {
    boolean copy = ActionLog.COPY.equals(e.kind());
    String newId = e.newImageId();
    boolean inCatalog = newId != null && indexed.contains(e.region() + "/" + newId);
    String route = copy ? e.sourceRegion() + " → " + e.region()
        : "from " + e.requestField("instanceId") + " in " + e.region();
    String note = switch (e.status()) {
      case ActionLog.PENDING -> newId == null ? "Waiting for EC2's answer." : copy ? "Copying: EC2 reports the new image as pending."
          : "Creating: EC2 reports the new image as pending.";
      case ActionLog.AVAILABLE -> inCatalog ? "Available, and in the catalog." : "Available. The next sync adds it to the catalog.";
      default -> e.error() == null ? "" : e.error();
    };
    return new ProgressPage.Row(e.id(), copy ? "copy" : "new image", Dates.day(e.createdAt()) + " "
        + e.createdAt().substring(11, Math.min(16, e.createdAt().length())), Dates.relative(e.createdAt()),
        e.requestField("name"), route, newId, inCatalog ? Urls.detail(e.region(), newId) : null, e.status(), note,
        batch != null && batch.equals(e.requestField("batch")));
  }
}
