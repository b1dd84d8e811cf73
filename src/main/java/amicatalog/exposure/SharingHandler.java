package amicatalog.exposure;

import amicatalog.actions.ActionClaims;
import amicatalog.actions.ActionLog;
import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.LaunchGrantee;
import amicatalog.image.Sharing;
import amicatalog.web.Layouts;
import amicatalog.web.PathParams;
import amicatalog.web.Urls;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Taking a launch permission back from an owned image: making it private (removing {@code all}) or
 * removing one account's, organization's or unit's permission (ModifyImageAttribute), with the guard of
 * every action: owned by one of the catalog's accounts and acted in that account, a DryRun, a
 * confirmation of exactly that, one call per confirmation, logged with the user.
 */
public final class SharingHandler {
  private final Database db;
  private final Changes changes;
  private final Confirmations confirmations;
  private final Layouts layouts;

  public SharingHandler(Database db, Changes changes, Confirmations confirmations, Layouts layouts) {
    this.db = db;
    this.changes = changes;
    this.confirmations = confirmations;
    this.layouts = layouts;
  }

  /** An image as the sharing forms need it, with its launch permissions as last read (null: never read). */
  record Image(long id, String region, String imageId, String name, String ownerId, String removedAt, Sharing sharing) {
    String label() {
      return name == null ? imageId : name;
    }
  }

  /** Step 1: the image's grants, one to take back (preselected by {@code ?grantee=}). */
  public void form(Context ctx) {
    Image image = image(ctx);
    render(ctx, SharingPage.form(layout(ctx, image), image, off(image), ctx.queryParam("grantee"), null));
  }

  /** Step 2: the DryRun of the removal, and its confirmation. */
  public void check(Context ctx) {
    Image image = image(ctx);
    refuseWhenOff(image);
    LaunchGrantee grantee = grantee(ctx, image);
    Ec2Sharing.Verdict v = Ec2Sharing.remove(changes.aws(image.ownerId()), image.region(), image.imageId(), grantee, true);
    render(ctx, SharingPage.confirm(layout(ctx, image), image, grantee, v.ok(), v.message(),
        v.ok() ? confirmations.issue(ctx, "unshare", image.region(), image.imageId(), grantee.value()) : null));
  }

  /** Step 3: the call, once per confirmation; then the catalog forgets the grant (the next sync reads them all again). */
  public void confirm(Context ctx) {
    Image image = image(ctx);
    String asked = ctx.formParamAsClass("grantee", String.class).getOrDefault("").strip();
    String nonce = confirmations.check(ctx, ctx.formParam("nonce"), "unshare", image.region(), image.imageId(), asked);
    String kind = new LaunchGrantee(asked).kind() == LaunchGrantee.Kind.PUBLIC ? "make-private" : "unshare";
    String token = ActionClaims.token(kind, nonce, image.region(), image.imageId(), asked);
    // The same confirmation again (a second click, a reload): where the first went, not a refusal.
    Optional<ActionLog.Entry> earlier = ActionLog.byToken(db, token).filter(e -> !ActionLog.FAILED.equals(e.status()));
    if (earlier.isPresent()) {
      ctx.redirect("/exposure?done=" + earlier.get().id(), HttpStatus.SEE_OTHER);
      return;
    }
    refuseWhenOff(image);
    LaunchGrantee grantee = grantee(ctx, image);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("imageId", image.imageId());
    request.put("grantee", grantee.value());
    request.put("account", image.ownerId());
    String who = changes.who(ctx);
    Optional<Long> claimed = ActionClaims.claimOrRetry(db, new ActionClaims.Action(kind, who, image.region(), image.imageId(), null,
        Json.write(request)), token);
    long id = claimed.orElseGet(() -> ActionLog.byToken(db, token).orElseThrow().id());
    if (claimed.isPresent()) {
      Ec2Sharing.Verdict v = Ec2Sharing.remove(changes.aws(image.ownerId()), image.region(), image.imageId(), grantee, false);
      String now = Instant.now().toString();
      db.write(h -> {
        h.execute("UPDATE actions SET status = ?, result = ?, error = ?, updated_at = ? WHERE id = ?",
            v.ok() ? "done" : ActionLog.FAILED, v.ok() ? Json.write(Map.of("done", true)) : null, v.ok() ? null : v.message(), now, id);
        if (v.ok()) {
          h.execute("DELETE FROM launch_permissions WHERE image_row = ? AND grantee = ?", image.id(), grantee.value());
          // Becoming private is the listing's news at the next sync (its Public field); an account's permission is not in it.
          if (kind.equals("unshare")) {
            List<String> was = image.sharing().grantees().stream().map(LaunchGrantee::value)
                .filter(g -> !LaunchGrantee.PUBLIC.equals(g)).sorted().toList();
            List<String> is = was.stream().filter(g -> !g.equals(grantee.value())).toList();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put(LaunchGrantee.HISTORY_FIELD, List.of(was, is));
            detail.put("by", who);
            h.execute("INSERT INTO image_events (image_row, at, kind, detail, listing_id) VALUES (?, ?, 'changed', ?, NULL)",
                image.id(), now, Json.write(detail));
          }
        }
        return null;
      });
    }
    ctx.redirect("/exposure?done=" + id, HttpStatus.SEE_OTHER);
  }

  /** "Make ami-… in eu-west-1 private", "Remove 222222222222's permission to launch ami-… in eu-west-1". */
  static String what(ActionLog.Entry e) {
    return e.kind().equals("make-private") ? "Make " + e.imageId() + " in " + e.region() + " private"
        : "Remove " + e.requestField("grantee") + "'s permission to launch " + e.imageId() + " in " + e.region();
  }

  /** The grantee a form names: one of the image's launch permissions as last read. */
  private static LaunchGrantee grantee(Context ctx, Image image) {
    String value = ctx.formParam("grantee");
    if (value == null || value.isBlank()) throw new BadRequestResponse("Choose the permission to remove.");
    boolean granted = image.sharing() != null && image.sharing().grantees().stream().anyMatch(g -> g.value().equals(value.strip()));
    if (!granted) {
      throw new BadRequestResponse("'" + amicatalog.common.Text.cut(value) + "' is not among " + image.imageId()
          + "'s launch permissions as the last sync read them. Nothing was changed.");
    }
    return new LaunchGrantee(value.strip());
  }

  private String off(Image image) {
    if (changes.offReason() != null) return changes.offReason();
    if (image.removedAt() != null) return "This image is gone from " + image.region() + ".";
    if (!changes.accountIds().contains(image.ownerId())) {
      return "This image is owned by " + image.ownerId() + ", which is not one of this catalog's accounts: only its owner can"
          + " change who may launch it.";
    }
    if (image.sharing() == null) return "The launch permissions of this image have not been read yet: run a sync first.";
    return null;
  }

  private void refuseWhenOff(Image image) {
    String off = off(image);
    if (off != null) throw new ConflictResponse(off + " Nothing was changed.");
  }

  private Image image(Context ctx) {
    String region = PathParams.region(ctx);
    String imageId = PathParams.imageId(ctx);
    return db.read(h -> h.createQuery("SELECT id, region, image_id, name, owner_id, removed_at FROM images WHERE region = ? AND image_id = ?")
        .bind(0, region).bind(1, imageId)
        .map((rs, c) -> new Image(rs.getLong("id"), rs.getString("region"), rs.getString("image_id"), rs.getString("name"),
            rs.getString("owner_id"), rs.getString("removed_at"), null))
        .findOne()
        .map(i -> new Image(i.id(), i.region(), i.imageId(), i.name(), i.ownerId(), i.removedAt(),
            Sharing.of(h, i.id(), Sharing.Insiders.read(h)).orElse(null))))
        .orElseThrow(() -> new NotFoundResponse("The catalog has no image " + imageId + " in " + region + ". Search for it, or run a sync."));
  }

  private amicatalog.web.Layout layout(Context ctx, Image image) {
    return layouts.of(ctx, "Who may launch " + image.label() + " · AMI Catalog", "exposure");
  }

  private void render(Context ctx, SharingPage page) {
    ctx.render("exposure/sharing.jte", Map.of("page", page));
  }

  static String url(String region, String imageId) {
    return Urls.detail(region, imageId) + "/sharing";
  }
}
