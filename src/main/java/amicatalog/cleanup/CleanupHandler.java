package amicatalog.cleanup;

import amicatalog.actions.ActionLog;
import amicatalog.actions.Changes;
import amicatalog.common.Dates;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.Drift;
import amicatalog.web.Layouts;
import amicatalog.web.Urls;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** /cleanup: the account's own images the rules propose to deregister, what each frees, and the clean-up log. */
public final class CleanupHandler {
  private final Database db;
  private final Changes changes;
  private final Layouts layouts;

  public CleanupHandler(Database db, Changes changes, Layouts layouts) {
    this.db = db;
    this.changes = changes;
    this.layouts = layouts;
  }

  public void page(Context ctx) {
    CleanupRules rules = CleanupRules.from(ctx);
    List<String> accounts = changes.sample() ? List.of() : changes.accountIds();
    String account = accounts.isEmpty() ? null : String.join(", ", accounts);
    List<OwnedImages.Owned> owned = OwnedImages.live(db, accounts);
    Drift.Usage usage = db.read(Drift::usage);
    Map<Long, Integer> newer = OwnedImages.newerVersions(owned);
    boolean mayChange = changes.offReason() == null;
    List<CleanupPage.Row> rows = new ArrayList<>();
    long candidates = 0;
    long gib = 0;
    for (OwnedImages.Owned i : owned) {
      CleanupPage.Row row = row(i, rules, newer.get(i.id()), usage.of(i.region(), i.imageId()), mayChange);
      if (row.candidate()) {
        candidates++;
        gib += i.gib();
      }
      rows.add(row);
    }
    rows.sort(java.util.Comparator.comparing((CleanupPage.Row r) -> !r.candidate()));
    String totals = String.format(Locale.ROOT, "%d of %d owned images are candidates; deregistering them and deleting their snapshots"
        + " frees about %,d GiB, %s a month at $%s per GiB-month", candidates, owned.size(), gib, money(gib * rules.pricePerGib()),
        price(rules.pricePerGib()));
    String empty = owned.isEmpty() ? (account == null ? "The catalog holds no private images of this account: sync the account"
        + " (scope self) to see its images here." : "The catalog holds no live images of account " + account + ".") : null;  // several: "111…, 222…"
    CleanupPage page = new CleanupPage(layouts.of(ctx, "Clean-up · AMI Catalog", "audit"),
        new CleanupPage.Rules(rules.olderThanDays(), rules.notLaunchedDays(), rules.supersededBy(), rules.keepNewest(),
            price(rules.pricePerGib())),
        rules.describe(), account, mayChange ? null : changes.offReason(), rows, totals, outcome(ctx), log(), empty);
    ctx.render("cleanup/cleanup.jte", Map.of("page", page));
  }

  /** One owned image with its verdict by the rules; {@code runs}: the instances that run it, null when not known. */
  private static CleanupPage.Row row(OwnedImages.Owned i, CleanupRules rules, int newer, List<Drift.RunningInstance> runs,
      boolean mayChange) {
    long age = OwnedImages.daysSince(i.creationDate());
    String kept = rules.keptBecause(age, OwnedImages.daysSince(i.lastLaunchedTime()), newer,
        runs == null ? null : runs.stream().map(Drift.RunningInstance::instanceId).toList());
    long size = i.gib();
    return new CleanupPage.Row(i.region(), i.imageId(), i.label(), Urls.detail(i.region(), i.imageId()), i.familyKey(),
        i.familyKey() == null ? null : Urls.family(i.ownerKey(), i.familyKey()), age < 0 ? "" : age + " d",
        i.lastLaunchedTime() == null ? "never (or not known)" : Dates.day(i.lastLaunchedTime()),
        newer == 0 ? "newest" : newer + " newer", snapshots(i), size + " GiB", money(size * rules.pricePerGib()), instances(runs),
        kept == null, kept != null ? "kept: " + kept : runs == null ? "candidate; " + NOT_KNOWN : "candidate",
        kept == null && mayChange ? DeregisterHandler.url(i.region(), i.imageId(), rules.url()) : null);
  }

  static final String NOT_KNOWN = "not known whether in use: the instances are checked again before anything is deregistered";

  /** The instances that run the image, "i-… (running)", as the last listing of its region saw them. */
  private static String instances(List<Drift.RunningInstance> runs) {
    if (runs == null) return "not known (its region's instances were never listed)";
    if (runs.isEmpty()) return "none";
    return String.join(", ", runs.stream().map(r -> r.instanceId() + " (" + r.state() + ")").toList());
  }

  private static String snapshots(OwnedImages.Owned i) {
    List<OwnedImages.Snapshot> s = i.snapshots();
    if (s.isEmpty()) return "none";
    return String.join(", ", s.stream().map(x -> x.snapshotId() + " (" + x.gib() + " GiB)").toList());
  }

  /** The action a confirmation just ran ({@code ?done=ID}), said in a sentence. */
  private CleanupPage.Outcome outcome(Context ctx) {
    return ActionLog.done(db, ctx, List.of("deregister", "deprecate", "undeprecate"))
        .map(e -> new CleanupPage.Outcome(ActionLog.FAILED.equals(e.status()) ? "warn" : "", what(e) + ": " + detail(e)))
        .orElse(null);
  }

  private List<CleanupPage.Logged> log() {
    return db.read(h -> h.createQuery("SELECT * FROM actions WHERE kind IN ('deregister', 'deprecate', 'undeprecate') "
            + "ORDER BY id DESC LIMIT 50").mapTo(ActionLog.Entry.class).list())
        .stream().map(e -> CleanupPage.Logged.of(e, what(e), detail(e))).toList();
  }

  static String what(ActionLog.Entry e) {
    return switch (e.kind()) {
      case "deregister" -> "Deregister " + e.imageId() + " in " + e.region()
          + (e.requestField("snapshots").isEmpty() ? "" : " and delete its snapshots " + e.requestField("snapshots"));
      case "deprecate" -> "Deprecate " + e.imageId() + " in " + e.region() + " at " + e.requestField("at");
      default -> "Un-deprecate " + e.imageId() + " in " + e.region();
    };
  }

  static String detail(ActionLog.Entry e) {
    List<String> parts = new ArrayList<>();
    if (e.result() != null) {
      JsonNode r = Json.read(e.result());
      if (r.path("deregistered").asBoolean(false)) parts.add("deregistered");
      if (r.has("deletedSnapshots")) parts.add("snapshots deleted: " + (r.path("deletedSnapshots").isEmpty() ? "none"
          : String.join(", ", Json.MAPPER.convertValue(r.path("deletedSnapshots"), String[].class))));
      if (r.path("done").asBoolean(false)) parts.add("done");
    }
    if (e.error() != null) parts.add("stopped: " + e.error());
    if (parts.isEmpty()) parts.add(e.status());
    return String.join("; ", parts);
  }

  static String money(double usd) {
    return String.format(Locale.ROOT, "$%,.2f", usd);
  }

  private static String price(double p) {
    return CleanupRules.plain(p);
  }
}
