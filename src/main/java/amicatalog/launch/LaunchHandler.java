package amicatalog.launch;

import amicatalog.actions.ActingAccounts;
import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.actions.LaunchLog;
import amicatalog.actions.SampleAccount;
import amicatalog.db.Database;
import amicatalog.web.Layout;
import amicatalog.web.Layouts;
import amicatalog.web.PathParams;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Launching from a catalog entry in three steps: the form (GET), the check (POST: validate, then a
 * dry run, then the confirmation page), and the confirmed launch (POST .../confirm → the result).
 * A refused form comes back with 422 and its problems (400 is the app-wide error page for malformed requests).
 */
public final class LaunchHandler {
  private final Database db;
  private final Changes changes;
  private final Confirmations confirmations;
  private final Layouts layouts;

  public LaunchHandler(Database db, Changes changes, Confirmations confirmations, Layouts layouts) {
    this.db = db;
    this.changes = changes;
    this.confirmations = confirmations;
    this.layouts = layouts;
  }

  public void form(Context ctx) {
    LaunchImage image = image(ctx);
    if (!changes.sample() && changes.offReason() != null) {
      render(ctx, LaunchFormPage.off(layout(ctx, image), image, changes.offReason(), null));
      return;
    }
    ActingAccounts acting = acting(image, ctx.queryParam(LaunchForm.ACCOUNT));
    LaunchOptions options = options(ctx, image, acting);
    if (options == null) return;
    LaunchForm form = Objects.requireNonNullElse(LaunchForm.fromQuery(ctx), options.defaults(image)).withAccount(id(acting));
    render(ctx, LaunchFormPage.of(layout(ctx, image), image, options, form, Map.of(), null, null).acting(acting));
  }

  /**
   * The accounts that may launch the image and the one asked for (null in the demo, which acts in
   * none): a 400 for an account the catalog does not list or that cannot see the image.
   */
  private ActingAccounts acting(LaunchImage image, String requested) {
    if (changes.sample()) return null;
    return ActingAccounts.of(db, changes, image.region(), image.imageId(), image.image().ownerId(), requested);
  }

  private static String id(ActingAccounts acting) {
    return acting == null ? "" : acting.chosen().id();
  }

  /** The access of the chosen account (the home account's in the demo, which never calls AWS). */
  private amicatalog.aws.AwsAccess aws(ActingAccounts acting) {
    return acting == null ? changes.aws() : changes.aws(acting.chosen().id());
  }

  public void check(Context ctx) {
    refuseWhenOff();
    LaunchImage image = image(ctx);
    LaunchForm asked = LaunchForm.fromForm(ctx).withNonce("");
    ActingAccounts acting = acting(image, asked.account());
    LaunchForm form = asked.withAccount(id(acting));
    LaunchOptions options = options(ctx, image, acting);
    if (options == null) return;
    LaunchCheck check = LaunchCheck.of(form, image, options);
    if (changes.sample()) {
      sampleCheck(ctx, image, options, form, check);
      return;
    }
    String who = changes.who(ctx);
    if (!check.ok()) {
      long id = LaunchLog.record(db, who, image.region(), image.imageId(), form.json(), LaunchLog.REFUSED, check.summary());
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, LaunchFormPage.of(layout(ctx, image), image, options, form, check.problems(), null, "/launches/" + id).acting(acting));
      return;
    }
    LaunchRequest request = check.request();
    Verdict verdict = Ec2Launch.dryRun(aws(acting).ec2(image.region()), request, image.marketplaceCodes());
    long id = LaunchLog.record(db, who, image.region(), image.imageId(), request.json(),
        verdict.ok() ? LaunchLog.DRY_RUN_OK : LaunchLog.DRY_RUN_FAILED, verdict.ok() ? null : verdict.message());
    if (!verdict.ok()) {
      render(ctx, LaunchFormPage.of(layout(ctx, image), image, options, form, Map.of(), verdict, "/launches/" + id).acting(acting));
      return;
    }
    String nonce = confirmations.issue(ctx, confirmed(image, form));
    ConfirmPage page = ConfirmPage.of(layout(ctx, image), image, request, form.withNonce(nonce), verdict);
    ctx.render("launch/confirm.jte", Map.of("page", page));
  }

  public void confirm(Context ctx) {
    if (changes.sample()) {
      throw new ConflictResponse(SampleAccount.NOTHING_SENT + ": the demo catalog stops at the dry-run step, so there is"
          + " nothing to confirm.");
    }
    refuseWhenOff();
    LaunchImage image = image(ctx);
    LaunchForm asked = LaunchForm.fromForm(ctx);
    ActingAccounts acting = acting(image, asked.account());
    LaunchForm form = asked.withAccount(id(acting));
    try {
      confirmations.check(ctx, form.nonce(), confirmed(image, form));
    } catch (ForbiddenResponse e) {
      LaunchLog.record(db, changes.who(ctx), image.region(), image.imageId(), form.json(), LaunchLog.REFUSED, e.getMessage());
      throw e;
    }
    LaunchOptions options = options(ctx, image, acting);
    if (options == null) return;
    // Checked again: the hidden fields come from the browser, and the account may have changed since.
    LaunchCheck check = LaunchCheck.of(form, image, options);
    if (!check.ok()) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, LaunchFormPage.of(layout(ctx, image), image, options, form, check.problems(), null, null).acting(acting));
      return;
    }
    ConfirmedLaunch.Outcome outcome = ConfirmedLaunch.start(db, aws(acting), changes.who(ctx), image, check.request(), form.nonce());
    if (outcome.refusal() == null) {
      ctx.redirect("/launches/" + outcome.logId(), HttpStatus.SEE_OTHER);
    } else {
      render(ctx, LaunchFormPage.of(layout(ctx, image), image, options, form.withNonce(""), Map.of(), outcome.refusal(),
          "/launches/" + outcome.logId()).acting(acting));
    }
  }

  /**
   * The demo's check: the same checks against the sample account, then a stop where the dry run would
   * be, showing the request it would send. Nothing is logged (nothing was asked of AWS).
   */
  private void sampleCheck(Context ctx, LaunchImage image, LaunchOptions options, LaunchForm form, LaunchCheck check) {
    if (!check.ok()) ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
    LaunchFormPage page = LaunchFormPage.of(layout(ctx, image), image, options, form, check.problems(), null, null);
    render(ctx, page.inDemo(SAMPLE, check.ok() ? check.request().cliCommand() + " \\\n  --dry-run" : null));
  }

  private static final String SAMPLE = "Filled from the " + SampleAccount.label() + ": its subnets, security groups and key"
      + " pairs are made up; its instance types are a few of EC2's, with their real sizes. The check stops where a"
      + " catalog with an AWS account asks EC2 for a dry run: " + SampleAccount.NOTHING_SENT + ".";

  /** What a launch confirmation is issued for: this image and exactly the checked choices. */
  private String[] confirmed(LaunchImage image, LaunchForm form) {
    return new String[] {"launch", image.region(), image.imageId(), form.withNonce("").query()};
  }

  /** The image named by the path's {region} and {imageId}: 400 when malformed, 404 when not in the catalog. */
  private LaunchImage image(Context ctx) {
    String region = PathParams.region(ctx);
    String imageId = PathParams.imageId(ctx);
    return LaunchImage.lookup(db, region, imageId, changes::owner).orElseThrow(() ->
        new NotFoundResponse("The catalog has no image " + imageId + " in " + region + ". Search for it, or run a sync."));
  }

  /** The POSTs are refused outright (409, with the reason) where launching is off; the demo's check is not. */
  private void refuseWhenOff() {
    if (!changes.sample() && changes.offReason() != null) throw new ConflictResponse(changes.offReason());
  }

  /** The form's choices from EC2 (the demo's from its sample account), or null after rendering the page that says EC2 could not be read. */
  private LaunchOptions options(Context ctx, LaunchImage image, ActingAccounts acting) {
    if (changes.sample()) return SampleOptions.of(image);
    try {
      return LaunchOptions.load(aws(acting), image);
    } catch (SdkException e) {
      ctx.status(HttpStatus.BAD_GATEWAY);
      render(ctx, LaunchFormPage.off(layout(ctx, image), image, null, AwsErrors.reading(e, image.region())));
      return null;
    }
  }

  private Layout layout(Context ctx, LaunchImage image) {
    return layouts.of(ctx, "Launch " + image.heading().title() + " · AMI Catalog", "launches");
  }

  private void render(Context ctx, LaunchFormPage page) {
    ctx.render("launch/form.jte", Map.of("page", changes.sample() && page.sample() == null ? page.inDemo(SAMPLE, null) : page));
  }
}
