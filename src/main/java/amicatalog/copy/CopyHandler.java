package amicatalog.copy;

import amicatalog.actions.ActionLog;
import amicatalog.image.Coverage;
import amicatalog.web.AuditLinks;
import amicatalog.web.Params;
import amicatalog.aws.AwsAccess;
import amicatalog.actions.ActionClaims;
import amicatalog.app.App;
import amicatalog.web.AppContext;
import amicatalog.web.Chrome;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Copy an image to the regions that lack it: pick regions → a DryRun CopyImage per region → a
 * confirmation → CopyImage per region (name, description and tags kept), each logged in
 * {@code actions} and followed on /audit/copies.
 */
public final class CopyHandler {
  private static final int PARALLEL_DRY_RUNS = 8;

  private CopyHandler() {}

  public static void form(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    CopySource source = source(ctx, app);
    Set<String> ticked = Params.regions(ctx.queryParams("target"));
    render(ctx, form(ctx, app, source, ticked, null));
  }

  /** Step 2: dry-run the copy into each chosen region, and show what would happen. */
  public static void check(Context ctx) throws Exception {
    AppContext app = ctx.appData(App.CONTEXT);
    CopySource source = source(ctx, app);
    refuseWhenOff(app, source);
    Set<String> targets = Params.regions(ctx.formParams("region"));
    List<String> missing = Where.of(app, source).missing();
    String error = targets.isEmpty() ? "Tick at least one region to copy to."
        : targets.stream().filter(t -> !missing.contains(t)).findFirst()
            .map(t -> t + " is not a region this image could be copied to: it already holds a copy, or the catalog does not cover it.")
            .orElse(null);
    if (error != null) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, form(ctx, app, source, targets, error));
      return;
    }
    List<CopyPages.Check> checks = dryRuns(app.aws(), source, List.copyOf(targets));
    List<String> allowed = checks.stream().filter(CopyPages.Check::ok).map(CopyPages.Check::region).toList();
    String button = allowed.isEmpty() ? null : "Copy to " + allowed.size() + (allowed.size() == 1 ? " region" : " regions");
    ctx.render("copy/copy-confirm.jte", Map.of("page", new CopyPages.Confirm(chrome(ctx, source), CopyPages.Source.of(source, app.owner(source.ownerId(), source.ownerAlias())),
        checks, allowed, ctx.appData(App.CONFIRMATIONS).issue(ctx, confirmed(source, allowed)), copyUrl(source) + "/confirm", copyUrl(source), button)));
  }

  /** Step 3: start the confirmed copies (once per confirmation, whatever the resubmits), then follow them. */
  public static void confirm(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    CopySource source = source(ctx, app);
    refuseWhenOff(app, source);
    Set<String> targets = Params.regions(ctx.formParams("region"));
    String nonce = ctx.appData(App.CONFIRMATIONS).check(ctx, ctx.formParam("nonce"), confirmed(source, targets));
    List<String> covered = app.db().read(Coverage::regions);
    String who = app.who(ctx);
    for (String target : targets) {
      if (!covered.contains(target)) continue;  // only regions the confirmation could have offered
      String token = Params.token("copy", nonce, source.region(), source.imageId(), target, source.name());
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("sourceRegion", source.region());
      request.put("sourceImageId", source.imageId());
      request.put("name", source.name());
      request.put("description", source.description() == null ? "" : source.description());
      request.put("copyImageTags", true);
      request.put("batch", nonce);
      boolean ours = ActionLog.claim(app.db(), ActionLog.COPY, who, target, source.imageId(), source.region(), request, token)
          .isPresent() || ActionClaims.retry(app.db(), token);
      if (!ours) continue;  // this confirmation was already sent: its row tells how it went
      long id = ActionLog.byToken(app.db(), token).orElseThrow().id();
      try {
        ActionLog.accepted(app.db(), id, ActionLog.COPY, Ec2Images.copy(app.aws(), source, target, token));
      } catch (SdkException e) {
        ActionLog.failed(app.db(), id, Ec2Images.describe(e, target, "copy the image to " + target));
      }
    }
    ctx.redirect(AuditLinks.progress(nonce), HttpStatus.SEE_OTHER);
  }

  /** What a copy confirmation is issued for: this image to exactly these regions. */
  private static String[] confirmed(CopySource source, java.util.Collection<String> regions) {
    return new String[] {"copy", source.region(), source.imageId(), String.join(",", regions)};
  }

  private static List<CopyPages.Check> dryRuns(AwsAccess aws, CopySource source, List<String> targets) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_DRY_RUNS, targets.size()));
    try {
      List<Future<Ec2Images.Verdict>> verdicts = new ArrayList<>();
      for (String t : targets) verdicts.add(pool.submit(() -> Ec2Images.dryRunCopy(aws, source, t)));
      List<CopyPages.Check> checks = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        Ec2Images.Verdict v = verdicts.get(i).get();
        checks.add(new CopyPages.Check(targets.get(i), v.ok(), v.message()));
      }
      return checks;
    } finally {
      pool.shutdownNow();
    }
  }

  private static CopyPages.Form form(Context ctx, AppContext app, CopySource source, Set<String> ticked, String error) {
    Where where = Where.of(app, source);
    List<CopyPages.Holder> holders = new ArrayList<>();
    holders.add(new CopyPages.Holder(source.region(), source.imageId(), AuditLinks.detail(source.region(), source.imageId()),
        source.removedAt() != null ? "gone" : source.state()));
    where.copies().stream().filter(c -> c.removedAt() == null).forEach(c -> holders.add(
        new CopyPages.Holder(c.region(), c.imageId(), AuditLinks.detail(c.region(), c.imageId()), c.state())));
    for (ActionLog.Entry e : where.underWay()) {
      if (holders.stream().anyMatch(h -> h.region().equals(e.region()))) continue;  // a sync listed it already
      holders.add(new CopyPages.Holder(e.region(), e.newImageId() == null ? "" : e.newImageId(), AuditLinks.progress(null),
          ActionLog.PENDING.equals(e.status()) ? "being copied" : "copied; the next sync lists it"));
    }
    List<CopyPages.Target> targets = where.missing().stream()
        .map(r -> new CopyPages.Target(r, ticked.isEmpty() || ticked.contains(r))).toList();
    String off = app.changesOffReason() != null ? app.changesOffReason() : source.unfit();
    return new CopyPages.Form(chrome(ctx, source), CopyPages.Source.of(source, app.owner(source.ownerId(), source.ownerAlias())), holders, targets, off, error,
        copyUrl(source), AuditLinks.progress(null));
  }

  /**
   * Where an image is: its copies the catalog lists, the copies asked for that no sync has listed
   * yet, and the regions without either (those a copy may go to).
   */
  private record Where(List<Coverage.Copy> copies, List<ActionLog.Entry> underWay, List<String> missing) {
    static Where of(AppContext app, CopySource source) {
      List<Coverage.Copy> copies = app.db().read(h -> Coverage.copies(h, source.region(), source.imageId(),
          source.ownerKey(), source.name()));
      List<ActionLog.Entry> underWay = ActionLog.copiesUnderWay(app.db(), source.region(), source.imageId());
      List<String> missing = new ArrayList<>(app.db().read(h -> Coverage.missing(Coverage.regions(h), source.region(), copies)));
      underWay.forEach(e -> missing.remove(e.region()));
      return new Where(copies, underWay, missing);
    }
  }

  private static CopySource source(Context ctx, AppContext app) {
    String region = Params.region(ctx);
    String imageId = Params.imageId(ctx);
    return CopySource.find(app.db(), region, imageId).orElseThrow(() -> new NotFoundResponse(
        "The catalog has no image " + imageId + " in " + region + ". Search for it, or run a sync."));
  }

  /** Copies change the account: refused with the reason in demo and --read-only modes, and for unfit images. */
  private static void refuseWhenOff(AppContext app, CopySource source) {
    String off = app.changesOffReason() != null ? app.changesOffReason() : source.unfit();
    if (off != null) throw new ConflictResponse(off + " Nothing was copied.");
  }

  private static String copyUrl(CopySource source) {
    return AuditLinks.detail(source.region(), source.imageId()) + "/copy";
  }

  private static Chrome chrome(Context ctx, CopySource source) {
    return Chrome.of(ctx, "Copy " + source.label() + " · AMI Catalog", "audit");
  }

  private static void render(Context ctx, CopyPages.Form page) {
    ctx.render("copy/copy.jte", Map.of("page", page));
  }
}
