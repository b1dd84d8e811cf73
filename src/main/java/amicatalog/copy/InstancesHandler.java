package amicatalog.copy;

import amicatalog.actions.ActionLog;
import amicatalog.image.Coverage;
import amicatalog.web.AuditLinks;
import amicatalog.web.Params;
import amicatalog.app.App;
import amicatalog.web.AppContext;
import amicatalog.web.Chrome;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Create an image from one of the account's instances: list the instances of a region
 * (DescribeInstances), fill in name, description, no-reboot and tags, then a DryRun CreateImage and
 * the real one. The new image is logged in {@code actions} and followed on /audit/copies like a copy.
 */
public final class InstancesHandler {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

  private InstancesHandler() {}

  public static void list(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    List<String> regions = app.db().read(Coverage::regions);
    String asked = ctx.queryParam("region");
    String region = asked != null && !asked.isBlank() ? Params.region(asked.strip()) : defaultRegion(app, regions);
    List<InstancePages.Option> options = regions.stream().map(r -> new InstancePages.Option(r, r.equals(region))).toList();
    String off = app.changesOffReason();
    List<InstancePages.InstanceRow> rows = List.of();
    String problem = null;
    if (off == null) {
      try {
        rows = Ec2Images.instances(app.aws(), region).stream().map(i -> row(region, i)).toList();
      } catch (SdkException e) {
        problem = Ec2Images.describe(e, region, "list the instances");
        ctx.status(HttpStatus.BAD_GATEWAY);
      }
    }
    ctx.render("copy/instances.jte", Map.of("page", new InstancePages.Instances(
        Chrome.of(ctx, "Create an image · AMI Catalog", "audit"), region, options, rows, off, problem)));
  }

  public static void form(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    String region = Params.region(ctx);
    String instanceId = Params.instanceId(ctx);
    InstancePages.InstanceRow instance = app.changesOffReason() == null ? instance(app, region, instanceId) : null;
    String base = instance == null || instance.name().isEmpty() ? instanceId : instance.name();
    String name = (base.replaceAll("[^A-Za-z0-9()\\[\\] ./\\-'@_]", "-") + "-"
        + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
    render(ctx, app, region, instanceId, instance, ImageForm.blank(name), null);
  }

  public static void create(Context ctx) {
    AppContext app = ctx.appData(App.CONTEXT);
    String region = Params.region(ctx);
    String instanceId = Params.instanceId(ctx);
    if (app.changesOffReason() != null) throw new ConflictResponse(app.changesOffReason() + " No image was created.");
    String nonce = ctx.appData(App.CONFIRMATIONS).check(ctx, ctx.formParam("nonce"), "create-image", region, instanceId);
    ImageForm form = ImageForm.from(ctx);
    InstancePages.InstanceRow instance = instance(app, region, instanceId);
    if (!form.valid()) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, app, region, instanceId, instance, form, null);
      return;
    }
    String token = Params.token("create-image", nonce, region, instanceId, form.name());
    if (ActionLog.byToken(app.db(), token).isEmpty()) {  // a resubmit of a confirmed form only shows its row
      Ec2Images.Verdict verdict = Ec2Images.dryRunCreate(app.aws(), region, instanceId, form);
      if (!verdict.ok()) {
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        render(ctx, app, region, instanceId, instance, form, verdict.message());
        return;
      }
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("instanceId", instanceId);
      request.put("name", form.name());
      request.put("description", form.description());
      request.put("noReboot", form.noReboot());
      request.put("tags", form.tags());
      request.put("batch", nonce);
      ActionLog.claim(app.db(), ActionLog.CREATE, app.who(ctx), region, null, null, request, token).ifPresent(id -> {
        try {
          ActionLog.accepted(app.db(), id, ActionLog.CREATE, Ec2Images.create(app.aws(), region, instanceId, form));
        } catch (SdkException e) {
          ActionLog.failed(app.db(), id, Ec2Images.describe(e, region, "create an image from " + instanceId));
        }
      });
    }
    ctx.redirect(AuditLinks.progress(nonce), HttpStatus.SEE_OTHER);
  }

  /** The account's home region when it has AWS access (asking costs a lookup), else the first covered region. */
  private static String defaultRegion(AppContext app, List<String> regions) {
    if (app.aws() != null) {
      String home = amicatalog.aws.AwsAccess.homeRegion();
      if (regions.isEmpty() || regions.contains(home)) return home;
    }
    return regions.isEmpty() ? "us-east-1" : regions.get(0);
  }

  private static InstancePages.InstanceRow instance(AppContext app, String region, String instanceId) {
    try {
      return Ec2Images.instances(app.aws(), region).stream().filter(i -> i.instanceId().equals(instanceId))
          .findFirst().map(i -> row(region, i))
          .orElseThrow(() -> new NotFoundResponse("There is no instance " + instanceId + " in " + region
              + " that an image can be made from (it may be terminated)."));
    } catch (SdkException e) {
      throw new ConflictResponse(Ec2Images.describe(e, region, "find instance " + instanceId));
    }
  }

  private static InstancePages.InstanceRow row(String region, Ec2Images.InstanceView i) {
    return new InstancePages.InstanceRow(i.instanceId(), i.name(), i.state(), i.type(), i.imageId(),
        i.launched().isEmpty() ? "" : i.launched().substring(0, Math.min(16, i.launched().length())).replace('T', ' '),
        i.platform(), AuditLinks.createImage(region, i.instanceId()));
  }

  private static void render(Context ctx, AppContext app, String region, String instanceId,
      InstancePages.InstanceRow instance, ImageForm form, String verdict) {
    ctx.render("copy/create-image.jte", Map.of("page", new InstancePages.Create(
        Chrome.of(ctx, "Create an image from " + instanceId + " · AMI Catalog", "audit"), region, instance,
        form.name(), form.description(), form.noReboot(), form.tagsText(), form.error(ImageForm.NAME),
        form.error(ImageForm.DESCRIPTION), form.error(ImageForm.TAGS), verdict, app.changesOffReason(),
        AuditLinks.createImage(region, instanceId), ctx.appData(App.CONFIRMATIONS).issue(ctx, "create-image", region, instanceId),
        AuditLinks.instances(region), owner(app))));
  }

  /** Who the new image will belong to: the account the catalog acts as. */
  private static String owner(AppContext app) {
    if (app.changesOffReason() != null) return null;
    try {
      return "this account, " + app.owner(app.aws().accountId(), null).label();
    } catch (SdkException e) {
      return "this account";
    }
  }
}
