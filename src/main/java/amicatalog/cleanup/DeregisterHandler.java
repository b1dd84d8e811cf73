package amicatalog.cleanup;

import amicatalog.actions.ActionClaims;
import amicatalog.actions.ActionLog;
import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.aws.Ec2Errors;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.Deregistration;
import amicatalog.web.Layouts;
import amicatalog.web.Urls;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Deregister an owned image, and optionally delete its snapshots, as a guarded action: the form →
 * a check (owned, no instance runs it, DryRun of each call) → a confirmation listing exactly what
 * goes → the calls, once per confirmation (a run-once token), stopping at the first refusal, logged
 * with the user, the image's page marking it gone with a history event.
 */
public final class DeregisterHandler {
  private final Database db;
  private final Changes changes;
  private final Confirmations confirmations;
  private final Layouts layouts;

  public DeregisterHandler(Database db, Changes changes, Confirmations confirmations, Layouts layouts) {
    this.db = db;
    this.changes = changes;
    this.confirmations = confirmations;
    this.layouts = layouts;
  }

  public void form(Context ctx) {
    OwnedImages.Owned image = image(ctx);
    String back = CleanupRules.back(ctx.queryParam("back"));
    render(ctx, DeregisterPage.form(layout(ctx, image), image, changes.offReason(), unfit(image), url(image), back));
  }

  /** Step 2: owned? in use? then DryRun each call, and show exactly what would go. */
  public void check(Context ctx) {
    OwnedImages.Owned image = image(ctx);
    String back = CleanupRules.back(ctx.formParam("back"));
    refuseWhenOff(image);
    boolean withSnapshots = "yes".equals(ctx.formParam("snapshots"));
    List<String> running = Ec2Cleanup.instancesRunning(changes.aws(image.ownerId()), image.region(), image.imageId());
    List<DeregisterPage.Check> checks = new ArrayList<>();
    if (!running.isEmpty()) {
      String them = running.size() == 1 ? "it" : "them";
      checks.add(new DeregisterPage.Check(image.imageId(), false, "In use: " + String.join(", ", running) + runs(running)
          + " this image. Terminate " + them + " or move " + them + " to another image first."));
    } else {
      Ec2Cleanup.Verdict v = Ec2Cleanup.dryRunDeregister(changes.aws(image.ownerId()), image.region(), image.imageId());
      checks.add(new DeregisterPage.Check(image.imageId(), v.ok(), v.message()));
      if (withSnapshots) {
        for (OwnedImages.Snapshot s : image.snapshots()) {
          Ec2Cleanup.Verdict sv = Ec2Cleanup.dryRunDeleteSnapshot(changes.aws(image.ownerId()), image.region(), s.snapshotId());
          checks.add(new DeregisterPage.Check(s.snapshotId() + " (" + s.gib() + " GiB)", sv.ok(), sv.message()));
        }
      }
    }
    boolean allOk = checks.stream().allMatch(DeregisterPage.Check::ok);
    String snapshots = withSnapshots ? snapshotIds(image) : "";
    render(ctx, DeregisterPage.confirm(layout(ctx, image), image, checks, allOk ? confirmations.issue(ctx, confirmed(image, snapshots)) : null,
        snapshots, url(image), back));
  }

  /** Step 3: the confirmed calls, once per confirmation; stops at the first refusal and says what was done. */
  public void confirm(Context ctx) {
    OwnedImages.Owned image = image(ctx);
    String back = CleanupRules.back(ctx.formParam("back"));
    String snapshots = ctx.formParamAsClass("snapshots", String.class).getOrDefault("");
    String nonce = confirmations.check(ctx, ctx.formParam("nonce"), confirmed(image, snapshots));
    String token = ActionClaims.token("deregister", nonce, image.region(), image.imageId(), snapshots);
    // A resubmitted confirmation (the image gone by now) shows how its action went, rather than a refusal.
    Optional<ActionLog.Entry> sent = ActionLog.byToken(db, token).filter(e -> !ActionLog.FAILED.equals(e.status()));
    if (sent.isPresent()) {
      ctx.redirect(CleanupRules.done(back, sent.get().id()), HttpStatus.SEE_OTHER);
      return;
    }
    refuseWhenOff(image);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("imageId", image.imageId());
    request.put("name", image.name());
    request.put("snapshots", snapshots);
    Optional<Long> claimed = ActionClaims.claimOrRetry(db, new ActionClaims.Action("deregister", changes.who(ctx), image.region(),
        image.imageId(), null, Json.write(request)), token);
    if (claimed.isEmpty()) {  // a double submit: its row tells how it went
      long id = ActionLog.byToken(db, token).orElseThrow().id();
      ctx.redirect(CleanupRules.done(back, id), HttpStatus.SEE_OTHER);
      return;
    }
    act(image, snapshots, claimed.get(), changes.actor(ctx));
    ctx.redirect(CleanupRules.done(back, claimed.get()), HttpStatus.SEE_OTHER);
  }

  /**
   * The claimed action {@code id}: the guard once more, the calls, the tombstone and its event
   * naming {@code actor}; its row in the log says what was done, or where it stopped.
   */
  private void act(OwnedImages.Owned image, String snapshots, long id, String actor) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("deregistered", false);
    List<String> deleted = new ArrayList<>();
    String error = null;
    Gone gone = null;
    // The guard again at the moment of acting: an instance may have been started since the check.
    List<String> running = Ec2Cleanup.instancesRunning(changes.aws(image.ownerId()), image.region(), image.imageId());
    if (!running.isEmpty()) {
      error = "refused: " + String.join(", ", running) + runs(running) + " this image now; nothing was done";
    } else {
      try {
        Ec2Cleanup.deregister(changes.aws(image.ownerId()), image.region(), image.imageId());
        result.put("deregistered", true);
        gone = markGone(image, new Deregistration(actor, id, List.of()));
        for (String s : snapshots.isEmpty() ? List.<String>of() : List.of(snapshots.split(","))) {
          Ec2Cleanup.deleteSnapshot(changes.aws(image.ownerId()), image.region(), s);
          deleted.add(s);
        }
      } catch (SdkException e) {
        error = Ec2Errors.describe(e, image.region(), result.get("deregistered").equals(true) ? "delete a snapshot" : "deregister the image");
      } finally {
        if (gone != null && !deleted.isEmpty()) recordDeleted(gone, deleted);
      }
    }
    result.put("deletedSnapshots", deleted);
    String status = error == null ? "done" : ActionLog.FAILED;
    String err = error;
    db.write(h -> h.execute("UPDATE actions SET status = ?, result = ?, error = ?, updated_at = ? WHERE id = ?",
        status, Json.write(result), err, Instant.now().toString(), id));
  }

  /** The 'removed' event of a deregistration, to add the snapshots deleted after it. */
  private record Gone(long eventId, Deregistration deregistration) {}

  /**
   * The catalog's row becomes a tombstone at once, with a history event saying who deregistered it
   * through which action (the next sync agrees).
   */
  private Gone markGone(OwnedImages.Owned image, Deregistration deregistration) {
    String now = Instant.now().toString();
    long event = db.write(h -> {
      h.execute("UPDATE images SET removed_at = ?, last_changed = ? WHERE id = ? AND removed_at IS NULL", now, now, image.id());
      return h.createUpdate("INSERT INTO image_events (image_row, at, kind, detail) VALUES (?, ?, 'removed', ?)")
          .bind(0, image.id()).bind(1, now).bind(2, deregistration.json())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    });
    return new Gone(event, deregistration);
  }

  /** The event says which snapshots went with the image. */
  private void recordDeleted(Gone gone, List<String> deleted) {
    db.write(h -> h.execute("UPDATE image_events SET detail = ? WHERE id = ?", gone.deregistration().withDeleted(deleted).json(),
        gone.eventId()));
  }

  /** " runs" after one instance, " run" after several. */
  private static String runs(List<String> running) {
    return running.size() == 1 ? " runs" : " run";
  }

  private static String snapshotIds(OwnedImages.Owned image) {
    return String.join(",", image.snapshots().stream().map(OwnedImages.Snapshot::snapshotId).toList());
  }

  private static String[] confirmed(OwnedImages.Owned image, String snapshots) {
    return new String[] {"deregister", image.region(), image.imageId(), snapshots};
  }

  /** Why this image may not be deregistered by this catalog, or null. */
  private String unfit(OwnedImages.Owned image) {
    return OwnedImages.whyNot(image, changes.accountIds(), "deregister");
  }

  private void refuseWhenOff(OwnedImages.Owned image) {
    String off = changes.offReason() != null ? changes.offReason() : unfit(image);
    if (off != null) throw new ConflictResponse(off + " Nothing was deregistered.");
  }

  private OwnedImages.Owned image(Context ctx) {
    return OwnedImages.fromPath(db, ctx);
  }

  private static String url(OwnedImages.Owned image) {
    return Urls.detail(image.region(), image.imageId()) + "/deregister";
  }

  /** The deregistration's form, coming from the clean-up page {@code back} (a {@link CleanupRules#url()}), where it returns. */
  static String url(String region, String imageId, String back) {
    return Urls.detail(region, imageId) + "/deregister" + ("/cleanup".equals(back) ? "" : "?back=" + Urls.enc(back));
  }

  private amicatalog.web.Layout layout(Context ctx, OwnedImages.Owned image) {
    return layouts.of(ctx, "Deregister " + image.label() + " · AMI Catalog", "audit");
  }

  private void render(Context ctx, DeregisterPage page) {
    ctx.render("cleanup/deregister.jte", Map.of("page", page));
  }
}
