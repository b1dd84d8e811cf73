package amicatalog.copy;

import amicatalog.actions.ActingAccounts;
import amicatalog.actions.ActionClaims;
import amicatalog.actions.ActionLog;
import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.actions.SampleAccount;
import amicatalog.aws.AwsAccess;
import amicatalog.aws.Ec2Errors;
import amicatalog.db.Database;
import amicatalog.image.Coverage;
import amicatalog.web.Layout;
import amicatalog.web.Layouts;
import amicatalog.web.PathParams;
import amicatalog.web.Urls;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private final Database db;
  private final Changes changes;
  private final Confirmations confirmations;
  private final PendingImages pending;
  private final Layouts layouts;

  public CopyHandler(Database db, Changes changes, Confirmations confirmations, PendingImages pending,
      Layouts layouts) {
    this.pending = pending;
    this.db = db;
    this.changes = changes;
    this.confirmations = confirmations;
    this.layouts = layouts;
  }

  public void form(Context ctx) {
    CopySource source = source(ctx);
    Set<String> ticked = PathParams.regions(ctx.queryParams("target"));
    render(ctx, form(ctx, source, ticked, null, acting(source, ctx.queryParam("account"))));
  }

  /**
   * The accounts that may copy the image and the one asked for (null in the demo, or where nothing
   * may be copied): a 400 for an account the catalog does not list or that cannot see the image.
   */
  private ActingAccounts acting(CopySource source, String requested) {
    if (changes.sample() || changes.offReason() != null) return null;
    return ActingAccounts.of(db, changes, source.region(), source.imageId(), source.ownerId(), requested);
  }

  /** Step 2: dry-run the copy into each chosen region, and show what would happen. */
  public void check(Context ctx) throws Exception {
    CopySource source = source(ctx);
    refuseWhenOff(source);
    ActingAccounts acting = acting(source, ctx.formParam("account"));
    Set<String> targets = PathParams.regions(ctx.formParams("region"));
    List<String> missing = Where.of(db, source).missing();
    String error = targets.isEmpty() ? "Tick at least one region to copy to."
        : targets.stream().filter(t -> !missing.contains(t)).findFirst()
            .map(t -> t + " is not a region this image could be copied to: it already holds a copy, or the catalog does not cover it.")
            .orElse(null);
    if (error != null) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, form(ctx, source, targets, error, acting));
      return;
    }
    if (changes.sample()) {  // the demo stops where the dry runs would be asked of EC2
      List<String> commands = targets.stream().map(t -> "aws ec2 copy-image --region " + t + " --source-region "
          + source.region() + " --source-image-id " + source.imageId() + " --name '" + source.name().replace("'", "'\\''")
          + "' --copy-image-tags --dry-run").toList();
      ctx.render("copy/copy-confirm.jte", Map.of("page", new CopyPages.Confirm(layout(ctx, source),
          CopyPages.Source.of(source, changes.owner(source.ownerId(), source.ownerAlias())), List.of(), List.of(), null,
          null, copyUrl(source), null, commands, null)));
      return;
    }
    List<CopyPages.Check> checks = dryRuns(changes.aws(acting.chosen().id()), source, List.copyOf(targets));
    List<String> allowed = checks.stream().filter(CopyPages.Check::ok).map(CopyPages.Check::region).toList();
    String button = allowed.isEmpty() ? null : "Copy to " + allowed.size() + (allowed.size() == 1 ? " region" : " regions");
    ctx.render("copy/copy-confirm.jte", Map.of("page", new CopyPages.Confirm(layout(ctx, source), CopyPages.Source.of(source, changes.owner(source.ownerId(), source.ownerAlias())),
        checks, allowed, confirmations.issue(ctx, confirmed(source, allowed, acting)), copyUrl(source) + "/confirm",
        copyUrl(source) + "?account=" + acting.chosen().id(), button, null, CopyPages.Accounts.of(acting))));
  }

  /** Step 3: start the confirmed copies (once per confirmation, whatever the resubmits), then follow them. */
  public void confirm(Context ctx) {
    CopySource source = source(ctx);
    if (changes.sample()) throw new ConflictResponse(SampleAccount.NOTHING_SENT + ": the demo catalog stops at the dry-run step.");
    refuseWhenOff(source);
    ActingAccounts acting = acting(source, ctx.formParam("account"));
    AwsAccess aws = changes.aws(acting.chosen().id());
    Set<String> targets = PathParams.regions(ctx.formParams("region"));
    String nonce = confirmations.check(ctx, ctx.formParam("nonce"), confirmed(source, targets, acting));
    List<String> covered = db.read(Coverage::regions);
    String who = changes.who(ctx);
    List<String> missing = Where.of(db, source).missing();
    for (String target : targets) {
      if (!covered.contains(target)) continue;  // only regions the confirmation could have offered
      String token = ActionClaims.token("copy", nonce, source.region(), source.imageId(), target, source.name());
      // Another tab's confirmation may have sent a copy there since this one was checked: one copy per region.
      if (!missing.contains(target) && ActionLog.byToken(db, token).isEmpty()) continue;
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("sourceRegion", source.region());
      request.put("sourceImageId", source.imageId());
      request.put("name", source.name());
      request.put("description", source.description() == null ? "" : source.description());
      request.put("copyImageTags", true);
      request.put("batch", nonce);
      request.put("account", acting.chosen().id());  // the account it acts in
      Optional<Long> claimed = ActionLog.claim(db, ActionLog.COPY, who, target, source.imageId(), source.region(), request, token);
      if (claimed.isEmpty()) continue;  // this confirmation was already sent: its row tells how it went
      long id = claimed.get();
      try {
        ActionLog.accepted(db, id, ActionLog.COPY, Ec2Images.copy(aws, source, target, token));
      } catch (SdkException e) {
        ActionLog.failed(db, id, Ec2Errors.describe(e, target, "copy the image to " + target));
      }
    }
    pending.check();  // EC2 may know already how it went (an emulator does at once)
    ctx.redirect(Urls.progress(nonce), HttpStatus.SEE_OTHER);
  }

  /** What a copy confirmation is issued for: this image to exactly these regions, in this account. */
  private String[] confirmed(CopySource source, java.util.Collection<String> regions, ActingAccounts acting) {
    return new String[] {"copy", source.region(), source.imageId(), String.join(",", regions), acting.chosen().id()};
  }

  private List<CopyPages.Check> dryRuns(AwsAccess aws, CopySource source, List<String> targets) throws Exception {
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

  private CopyPages.Form form(Context ctx, CopySource source, Set<String> ticked, String error, ActingAccounts acting) {
    Where where = Where.of(db, source);
    List<CopyPages.Holder> holders = new ArrayList<>();
    holders.add(new CopyPages.Holder(source.region(), source.imageId(), Urls.detail(source.region(), source.imageId()),
        source.removedAt() != null ? "gone" : source.state()));
    where.copies().stream().filter(c -> c.removedAt() == null).forEach(c -> holders.add(
        new CopyPages.Holder(c.region(), c.imageId(), Urls.detail(c.region(), c.imageId()), c.state())));
    for (ActionLog.Entry e : where.underWay()) {
      if (holders.stream().anyMatch(h -> h.region().equals(e.region()))) continue;  // a sync listed it already
      holders.add(new CopyPages.Holder(e.region(), e.newImageId() == null ? "" : e.newImageId(), Urls.progress(null),
          ActionLog.PENDING.equals(e.status()) ? "being copied" : "copied; the next sync lists it"));
    }
    List<CopyPages.Target> targets = where.missing().stream()
        .map(r -> new CopyPages.Target(r, ticked.isEmpty() || ticked.contains(r))).toList();
    String off = changes.offReason() != null && !changes.sample() ? changes.offReason() : source.unfit();
    String sample = changes.sample() ? "Copies are made in the " + SampleAccount.label() + ", which is made up: the check"
        + " stops where a catalog with an AWS account asks EC2 for a dry run (" + SampleAccount.NOTHING_SENT + ")." : null;
    return new CopyPages.Form(layout(ctx, source), CopyPages.Source.of(source, changes.owner(source.ownerId(), source.ownerAlias())), holders, targets, off, error,
        copyUrl(source), Urls.progress(null), sample, CopyPages.Accounts.of(acting));
  }

  /**
   * Where an image is: its copies the catalog lists, the copies asked for that no sync has listed
   * yet, and the regions without either (those a copy may go to).
   */
  private record Where(List<Coverage.Copy> copies, List<ActionLog.Entry> underWay, List<String> missing) {
    static Where of(Database db, CopySource source) {
      List<Coverage.Copy> copies = db.read(h -> Coverage.copies(h, source.region(), source.imageId(),
          source.ownerKey(), source.name()));
      List<ActionLog.Entry> underWay = ActionLog.copiesUnderWay(db, source.region(), source.imageId());
      List<String> missing = new ArrayList<>(db.read(h -> Coverage.missing(Coverage.regions(h), source.region(), copies)));
      underWay.forEach(e -> missing.remove(e.region()));
      return new Where(copies, underWay, missing);
    }
  }

  private CopySource source(Context ctx) {
    String region = PathParams.region(ctx);
    String imageId = PathParams.imageId(ctx);
    return CopySource.find(db, region, imageId).orElseThrow(() -> new NotFoundResponse(
        "The catalog has no image " + imageId + " in " + region + ". Search for it, or run a sync."));
  }

  /**
   * Copies change the account: refused with the reason in --read-only mode, without AWS and for unfit
   * images (the demo's check goes on to its stop; its confirmation is refused).
   */
  private void refuseWhenOff(CopySource source) {
    String off = changes.offReason() != null && !changes.sample() ? changes.offReason() : source.unfit();
    if (off != null) throw new ConflictResponse(off + " Nothing was copied.");
  }

  private String copyUrl(CopySource source) {
    return Urls.detail(source.region(), source.imageId()) + "/copy";
  }

  private Layout layout(Context ctx, CopySource source) {
    return layouts.of(ctx, "Copy " + source.label() + " · AMI Catalog", "audit");
  }

  private void render(Context ctx, CopyPages.Form page) {
    ctx.render("copy/copy.jte", Map.of("page", page));
  }
}
