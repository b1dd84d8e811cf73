package amicatalog.copy;

import amicatalog.actions.ActionLog;
import amicatalog.web.AuditLinks;
import amicatalog.common.Dates;
import amicatalog.app.App;
import amicatalog.web.AppContext;
import amicatalog.web.Chrome;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * /audit/copies: follows copies and new images. Each view first asks EC2 (DescribeImages, one
 * call per region, at most every two seconds) about the images still pending, so the log moves
 * on while someone watches, with no thread of its own.
 */
public final class ProgressHandler {
  private static final int SHOWN = 100;
  private static final Duration POLL_EVERY = Duration.ofSeconds(2);
  /** After this long EC2 should know an image it named; if it does not, the copy failed. */
  private static final Duration LOST_AFTER = Duration.ofHours(1);
  private static final AtomicLong lastPoll = new AtomicLong();

  private ProgressHandler() {}

  public static void page(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    String batch = ctx.queryParam("batch");
    String notice = app.aws() == null ? null : poll(app);
    List<ActionLog.Entry> entries = ActionLog.recent(app.db(), SHOWN);
    Set<String> indexed = ActionLog.indexed(app.db(), entries.stream().filter(e -> e.newImageId() != null)
        .map(e -> List.of(e.region(), e.newImageId())).toList());
    List<ProgressPage.Row> rows = new ArrayList<>();
    for (ActionLog.Entry e : entries) rows.add(row(e, indexed, batch));
    boolean pending = entries.stream().anyMatch(e -> ActionLog.PENDING.equals(e.status()));
    ctx.render("copy/progress.jte", Map.of("page", new ProgressPage(
        Chrome.of(ctx, "Copies and new images · AMI Catalog", "audit"), rows, pending, notice, "/sync")));
  }

  /** Asks EC2 how the pending images are doing; answers a readable problem, or null. */
  static String poll(AppContext app) {
    long now = System.currentTimeMillis();
    long last = lastPoll.get();
    if (now - last < POLL_EVERY.toMillis() || !lastPoll.compareAndSet(last, now)) return null;
    Map<String, List<ActionLog.Entry>> byRegion = ActionLog.pending(app.db()).stream()
        .filter(e -> e.newImageId() != null).collect(Collectors.groupingBy(ActionLog.Entry::region));
    List<String> problems = new ArrayList<>();
    byRegion.forEach((region, entries) -> {
      try {
        Map<String, Ec2Images.ImageState> states = Ec2Images.states(app.aws(), region,
            entries.stream().map(ActionLog.Entry::newImageId).toList());
        for (ActionLog.Entry e : entries) settle(app, e, states.get(e.newImageId()));
      } catch (SdkException ex) {
        problems.add(Ec2Images.describe(ex, region, "tell how the new images are doing"));
      }
    });
    return problems.isEmpty() ? null : String.join(" ", problems);
  }

  private static void settle(AppContext app, ActionLog.Entry e, Ec2Images.ImageState s) {
    switch (s.state()) {
      case "available" -> ActionLog.settle(app.db(), e, ActionLog.AVAILABLE, s.state(), null);
      case "pending" -> { /* still being made */ }
      case "missing" -> {
        if (Instant.parse(e.createdAt()).plus(LOST_AFTER).isBefore(Instant.now())) {
          ActionLog.settle(app.db(), e, ActionLog.FAILED, null, "EC2 no longer knows " + e.newImageId() + ": it was deregistered or its creation failed.");
        }
      }
      default -> ActionLog.settle(app.db(), e, ActionLog.FAILED, s.state(),
          "EC2 says the image is " + s.state() + (s.reason() == null ? "." : ": " + s.reason()));
    }
  }

  private static ProgressPage.Row row(ActionLog.Entry e, Set<String> indexed, String batch) {
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
        e.requestField("name"), route, newId, inCatalog ? AuditLinks.detail(e.region(), newId) : null, e.status(), note,
        batch != null && batch.equals(e.requestField("batch")));
  }
}
