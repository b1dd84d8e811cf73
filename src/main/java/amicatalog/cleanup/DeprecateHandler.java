package amicatalog.cleanup;

import amicatalog.actions.ActionClaims;
import amicatalog.actions.ActionLog;
import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.web.Layouts;
import amicatalog.web.Urls;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Deprecate an owned image at a date (EnableImageDeprecation) or un-deprecate it
 * (DisableImageDeprecation), with the guard of every action: owned, a DryRun, a confirmation of
 * exactly that, one call per confirmation, logged with the user. The next sync shows the new date.
 */
public final class DeprecateHandler {
  private final Database db;
  private final Changes changes;
  private final Confirmations confirmations;
  private final Layouts layouts;

  public DeprecateHandler(Database db, Changes changes, Confirmations confirmations, Layouts layouts) {
    this.db = db;
    this.changes = changes;
    this.confirmations = confirmations;
    this.layouts = layouts;
  }

  public void form(Context ctx) {
    OwnedImages.Owned image = image(ctx);
    render(ctx, DeprecatePage.form(layout(ctx, image), image, off(image), LocalDate.now(ZoneOffset.UTC).plusDays(1).toString(), null));
  }

  /** Step 2: the DryRun of the call, and its confirmation. */
  public void check(Context ctx) {
    OwnedImages.Owned image = image(ctx);
    refuseWhenOff(image);
    boolean undo = "undeprecate".equals(ctx.formParam("mode"));
    String date = ctx.formParamAsClass("date", String.class).getOrDefault("");
    Instant at = undo ? null : at(date);
    if (!undo && at == null) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, DeprecatePage.form(layout(ctx, image), image, null, date, "Give the day to deprecate it on, as 2027-01-31, today or later."));
      return;
    }
    Ec2Cleanup.Verdict v = Ec2Cleanup.deprecation(changes.aws(image.ownerId()), image.region(), image.imageId(), at, true);
    String what = undo ? "undeprecate" : at.toString();
    render(ctx, DeprecatePage.confirm(layout(ctx, image), image, v.ok(), v.message(), undo ? null : date,
        v.ok() ? confirmations.issue(ctx, "deprecate", image.region(), image.imageId(), what) : null));
  }

  /** Step 3: the call, once per confirmation. */
  public void confirm(Context ctx) {
    OwnedImages.Owned image = image(ctx);
    refuseWhenOff(image);
    String date = ctx.formParamAsClass("date", String.class).getOrDefault("");
    Instant at = date.isEmpty() ? null : at(date);
    String what = at == null ? "undeprecate" : at.toString();
    String nonce = confirmations.check(ctx, ctx.formParam("nonce"), "deprecate", image.region(), image.imageId(), what);
    String kind = at == null ? "undeprecate" : "deprecate";
    String token = ActionClaims.token(kind, nonce, image.region(), image.imageId(), what);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("imageId", image.imageId());
    request.put("at", at == null ? "" : at.toString());
    Optional<Long> claimed = ActionClaims.claimOrRetry(db, new ActionClaims.Action(kind, changes.who(ctx), image.region(),
        image.imageId(), null, Json.write(request)), token);
    long id = claimed.orElseGet(() -> ActionLog.byToken(db, token).orElseThrow().id());
    if (claimed.isPresent()) {
      Ec2Cleanup.Verdict v = Ec2Cleanup.deprecation(changes.aws(image.ownerId()), image.region(), image.imageId(), at, false);
      db.write(h -> h.execute("UPDATE actions SET status = ?, result = ?, error = ?, updated_at = ? WHERE id = ?",
          v.ok() ? "done" : ActionLog.FAILED, v.ok() ? Json.write(Map.of("done", true)) : null, v.ok() ? null : v.message(),
          Instant.now().toString(), id));
    }
    ctx.redirect("/cleanup?done=" + id, HttpStatus.SEE_OTHER);
  }

  /** The day's midnight UTC, or null for a bad or past day. */
  private static Instant at(String date) {
    try {
      LocalDate day = LocalDate.parse(date.strip());
      return day.isBefore(LocalDate.now(ZoneOffset.UTC)) ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private String off(OwnedImages.Owned image) {
    return changes.offReason() != null ? changes.offReason() : OwnedImages.whyNot(image, changes.accountIds(), "deprecate");
  }

  private void refuseWhenOff(OwnedImages.Owned image) {
    String off = off(image);
    if (off != null) throw new ConflictResponse(off + " Nothing was changed.");
  }

  private OwnedImages.Owned image(Context ctx) {
    return OwnedImages.fromPath(db, ctx);
  }

  private amicatalog.web.Layout layout(Context ctx, OwnedImages.Owned image) {
    return layouts.of(ctx, "Deprecate " + image.label() + " · AMI Catalog", "audit");
  }

  private void render(Context ctx, DeprecatePage page) {
    ctx.render("cleanup/deprecate.jte", Map.of("page", page));
  }

  static String url(OwnedImages.Owned image) {
    return Urls.detail(image.region(), image.imageId()) + "/deprecate";
  }
}
