package amicatalog.launch;

import amicatalog.actions.LaunchLog;
import amicatalog.app.App;
import amicatalog.web.AppContext;
import amicatalog.web.Chrome;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Launching from a catalog entry in three steps: the form (GET), the check (POST: validate, then a
 * dry run, then the confirmation page), and the confirmed launch (POST .../confirm → the result).
 * A refused form comes back with 422 and its problems (400 is the app-wide error page for malformed requests).
 */
public final class LaunchHandler {
  private LaunchHandler() {}

  public static void form(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    LaunchImage image = LaunchImage.find(ctx);
    if (app.changesOffReason() != null) {
      render(ctx, LaunchFormPage.off(chrome(ctx, image), image, app.changesOffReason(), null));
      return;
    }
    LaunchOptions options = options(ctx, app, image);
    if (options == null) return;
    LaunchForm form = Objects.requireNonNullElse(LaunchForm.fromQuery(ctx), options.defaults(image));
    render(ctx, LaunchFormPage.of(chrome(ctx, image), image, options, form, Map.of(), null, null));
  }

  public static void check(Context ctx) {
    AppContext app = launchingAllowed(ctx);
    LaunchImage image = LaunchImage.find(ctx);
    LaunchForm form = LaunchForm.fromForm(ctx).withNonce("");
    LaunchOptions options = options(ctx, app, image);
    if (options == null) return;
    LaunchCheck check = LaunchCheck.of(form, image, app.aws(), options.account());
    String who = app.who(ctx);
    if (!check.ok()) {
      long id = LaunchLog.record(app.db(), who, image.region(), image.imageId(), form.json(), LaunchLog.REFUSED, check.summary());
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, LaunchFormPage.of(chrome(ctx, image), image, options, form, check.problems(), null, "/launches/" + id));
      return;
    }
    LaunchRequest request = check.request();
    Verdict verdict = Ec2Launch.dryRun(app.aws().ec2(image.region()), request, image.marketplaceCodes());
    long id = LaunchLog.record(app.db(), who, image.region(), image.imageId(), request.json(),
        verdict.ok() ? LaunchLog.DRY_RUN_OK : LaunchLog.DRY_RUN_FAILED, verdict.ok() ? null : verdict.message());
    if (!verdict.ok()) {
      render(ctx, LaunchFormPage.of(chrome(ctx, image), image, options, form, Map.of(), verdict, "/launches/" + id));
      return;
    }
    String nonce = ctx.appData(App.CONFIRMATIONS).issue(ctx, confirmed(image, form));
    ConfirmPage page = ConfirmPage.of(chrome(ctx, image), image, request, form.withNonce(nonce), verdict);
    ctx.render("launch/confirm.jte", Map.of("page", page));
  }

  public static void confirm(Context ctx) {
    AppContext app = launchingAllowed(ctx);
    LaunchImage image = LaunchImage.find(ctx);
    LaunchForm form = LaunchForm.fromForm(ctx);
    try {
      ctx.appData(App.CONFIRMATIONS).check(ctx, form.nonce(), confirmed(image, form));
    } catch (ForbiddenResponse e) {
      LaunchLog.record(app.db(), app.who(ctx), image.region(), image.imageId(), form.json(), LaunchLog.REFUSED, e.getMessage());
      throw e;
    }
    LaunchOptions options = options(ctx, app, image);
    if (options == null) return;
    // Checked again: the hidden fields come from the browser, and the account may have changed since.
    LaunchCheck check = LaunchCheck.of(form, image, app.aws(), options.account());
    if (!check.ok()) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, LaunchFormPage.of(chrome(ctx, image), image, options, form, check.problems(), null, null));
      return;
    }
    ConfirmedLaunch.Outcome outcome = ConfirmedLaunch.start(app, app.who(ctx), image, check.request(), form.nonce());
    if (outcome.refusal() == null) {
      ctx.redirect("/launches/" + outcome.logId(), HttpStatus.SEE_OTHER);
    } else {
      render(ctx, LaunchFormPage.of(chrome(ctx, image), image, options, form.withNonce(""), Map.of(), outcome.refusal(),
          "/launches/" + outcome.logId()));
    }
  }

  /** What a launch confirmation is issued for: this image and exactly the checked choices. */
  private static String[] confirmed(LaunchImage image, LaunchForm form) {
    return new String[] {"launch", image.region(), image.imageId(), form.withNonce("").query()};
  }

  /** The POSTs are refused outright (409, with the reason) where launching is off. */
  private static AppContext launchingAllowed(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    if (app.changesOffReason() != null) throw new ConflictResponse(app.changesOffReason());
    return app;
  }

  /** The form's choices from EC2, or null after rendering the page that says EC2 could not be read. */
  private static LaunchOptions options(Context ctx, AppContext app, LaunchImage image) {
    try {
      return LaunchOptions.load(app.aws(), image);
    } catch (SdkException e) {
      ctx.status(HttpStatus.BAD_GATEWAY);
      render(ctx, LaunchFormPage.off(chrome(ctx, image), image, null, AwsErrors.reading(e, image.region())));
      return null;
    }
  }

  private static Chrome chrome(Context ctx, LaunchImage image) {
    return Chrome.of(ctx, "Launch " + image.heading().title() + " · AMI Catalog", "launches");
  }

  private static void render(Context ctx, LaunchFormPage page) {
    ctx.render("launch/form.jte", Map.of("page", page));
  }
}
