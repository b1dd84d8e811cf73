package amicatalog.copy;

import amicatalog.actions.ActionClaims;
import amicatalog.actions.ActionLog;
import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.actions.SampleAccount;
import amicatalog.aws.Account;
import amicatalog.aws.AwsAccess;
import amicatalog.aws.Ec2Errors;
import amicatalog.db.Database;
import amicatalog.image.Coverage;
import amicatalog.web.Layouts;
import amicatalog.web.PathParams;
import amicatalog.web.Urls;
import io.javalin.http.BadRequestResponse;
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

  private final Database db;
  private final Changes changes;
  private final Confirmations confirmations;
  private final PendingImages pending;
  private final Layouts layouts;

  public InstancesHandler(Database db, Changes changes, Confirmations confirmations, PendingImages pending,
      Layouts layouts) {
    this.pending = pending;
    this.db = db;
    this.changes = changes;
    this.confirmations = confirmations;
    this.layouts = layouts;
  }

  public void list(Context ctx) {
    List<String> regions = db.read(Coverage::regions);
    String asked = ctx.queryParam("region");
    String region = asked != null && !asked.isBlank() ? PathParams.region(asked.strip()) : defaultRegion(regions);
    List<InstancePages.Option> options = regions.stream().map(r -> new InstancePages.Option(r, r.equals(region))).toList();
    String off = changes.sample() ? null : changes.offReason();
    List<InstancePages.InstanceRow> rows = List.of();
    String problem = null;
    Account account = account(ctx.queryParam("account"));
    List<InstancePages.AccountOption> accounts = List.of();
    if (changes.sample()) {
      rows = SampleInstances.in(db, region).stream().map(i -> row(region, i, null)).toList();
    } else if (off == null) {
      if (amicatalog.actions.ActingAccounts.known(changes).size() > 1) {
        accounts = amicatalog.actions.ActingAccounts.known(changes).stream().map(a -> new InstancePages.AccountOption(a.id(), a.display(), a.id().equals(account.id()))).toList();
      }
      try {
        rows = Ec2Images.instances(changes.aws(account.id()), region).stream().map(i -> row(region, i, account)).toList();
      } catch (SdkException e) {
        problem = Ec2Errors.describe(e, region, "list the instances");
        ctx.status(HttpStatus.BAD_GATEWAY);
      }
    }
    ctx.render("copy/instances.jte", Map.of("page", new InstancePages.Instances(
        layouts.of(ctx, "Create an image · AMI Catalog", "audit"), region, options, rows, off, problem, sample(), accounts)));
  }

  /**
   * The account whose instances are listed and imaged (null in the demo, or where nothing may be
   * created): the one asked for, else the credentials' own, else the first; a 400 for an account
   * the catalog does not list.
   */
  private Account account(String requested) {
    if (changes.sample() || changes.offReason() != null) return null;
    List<Account> known = amicatalog.actions.ActingAccounts.known(changes);
    String asked = requested == null ? "" : requested.strip();
    if (asked.isEmpty()) {
      String home = changes.account();
      return known.stream().filter(a -> a.id().equals(home)).findFirst().orElse(known.get(0));
    }
    return known.stream().filter(a -> a.id().equals(asked)).findFirst().orElseThrow(() -> new BadRequestResponse(
        "Account “" + amicatalog.common.Text.cut(asked, 30) + "” is not one of the accounts this catalog lists: choose one of "
            + String.join(", ", known.stream().map(Account::display).toList()) + "."));
  }

  public void form(Context ctx) {
    String region = PathParams.region(ctx);
    String instanceId = PathParams.instanceId(ctx);
    Account account = account(ctx.queryParam("account"));
    InstancePages.InstanceRow instance = changes.sample() || changes.offReason() == null ? instance(region, instanceId, account) : null;
    String base = instance == null || instance.name().isEmpty() ? instanceId : instance.name();
    String name = (base.replaceAll("[^A-Za-z0-9()\\[\\] ./\\-'@_]", "-") + "-"
        + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
    render(ctx, region, instanceId, instance, ImageForm.blank(name), null, null, account);
  }

  public void create(Context ctx) {
    String region = PathParams.region(ctx);
    String instanceId = PathParams.instanceId(ctx);
    if (!changes.sample() && changes.offReason() != null) throw new ConflictResponse(changes.offReason() + " No image was created.");
    Account account = account(ctx.formParam("account"));
    String nonce = confirmations.check(ctx, ctx.formParam("nonce"), "create-image", region, instanceId, id(account));
    ImageForm form = ImageForm.from(ctx);
    InstancePages.InstanceRow instance = instance(region, instanceId, account);
    if (!form.valid()) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, region, instanceId, instance, form, null, null, account);
      return;
    }
    if (changes.sample()) {  // the demo stops where the dry run would be asked of EC2
      render(ctx, region, instanceId, instance, form, null, dryRunCommand(region, instanceId, form), account);
      return;
    }
    AwsAccess aws = changes.aws(account.id());
    // One image per confirmation, whatever is typed in a resubmit: the token is the nonce's alone.
    String token = ActionClaims.token("create-image", nonce, region, instanceId);
    if (ActionLog.byToken(db, token).isEmpty()) {  // a resubmit of a confirmed form only shows its row
      Ec2Images.Verdict verdict = Ec2Images.dryRunCreate(aws, region, instanceId, form);
      if (!verdict.ok()) {
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        render(ctx, region, instanceId, instance, form, verdict.message(), null, account);
        return;
      }
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("instanceId", instanceId);
      request.put("name", form.name());
      request.put("description", form.description());
      request.put("noReboot", form.noReboot());
      request.put("tags", form.tags());
      request.put("batch", nonce);
      request.put("account", account.id());  // the account it acts in: the instance's, and the new image's owner
      ActionLog.claim(db, ActionLog.CREATE, changes.who(ctx), region, null, null, request, token).ifPresent(id -> {
        try {
          ActionLog.accepted(db, id, ActionLog.CREATE, Ec2Images.create(aws, region, instanceId, form));
        } catch (SdkException e) {
          ActionLog.failed(db, id, Ec2Errors.describe(e, region, "create an image from " + instanceId));
        }
      });
    }
    pending.check();  // EC2 may know already how it went (an emulator does at once)
    ctx.redirect(Urls.progress(nonce), HttpStatus.SEE_OTHER);
  }

  /** The AWS CLI's twin of the dry run a catalog with an account would send. */
  private static String dryRunCommand(String region, String instanceId, ImageForm form) {
    StringBuilder cli = new StringBuilder("aws ec2 create-image --region " + region + " --instance-id " + instanceId
        + " \\\n  --name " + quoted(form.name()));
    if (!form.description().isEmpty()) cli.append(" \\\n  --description ").append(quoted(form.description()));
    if (form.noReboot()) cli.append(" \\\n  --no-reboot");
    if (!form.tags().isEmpty()) {
      List<Map<String, String>> tags = form.tags().entrySet().stream().map(t -> Map.of("Key", t.getKey(), "Value", t.getValue())).toList();
      cli.append(" \\\n  --tag-specifications ").append(quoted(amicatalog.common.Json.write(
          List.of(Map.of("ResourceType", "image", "Tags", tags)))));
    }
    return cli.append(" \\\n  --dry-run").toString();
  }

  private static String quoted(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** The account's home region when it has AWS access (asking costs a lookup), else the first covered region. */
  private String defaultRegion(List<String> regions) {
    if (changes.aws() != null) {
      String home = AwsAccess.homeRegion();
      if (regions.isEmpty() || regions.contains(home)) return home;
    }
    // The demo's sample account, like a first account, starts where most do.
    return regions.isEmpty() || (changes.sample() && regions.contains("us-east-1")) ? "us-east-1" : regions.get(0);
  }

  private static String id(Account account) {
    return account == null ? "" : account.id();
  }

  private InstancePages.InstanceRow instance(String region, String instanceId, Account account) {
    if (changes.sample()) {
      return SampleInstances.in(db, region).stream().filter(i -> i.instanceId().equals(instanceId)).findFirst()
          .map(i -> row(region, i, null)).orElseThrow(() -> new NotFoundResponse("The " + SampleAccount.LABEL + " has no instance "
              + instanceId + " in " + region + "."));
    }
    try {
      return Ec2Images.instances(changes.aws(account.id()), region).stream().filter(i -> i.instanceId().equals(instanceId))
          .findFirst().map(i -> row(region, i, account))
          .orElseThrow(() -> new NotFoundResponse("There is no instance " + instanceId + " in " + region
              + " that an image can be made from (it may be terminated)."));
    } catch (SdkException e) {
      throw new ConflictResponse(Ec2Errors.describe(e, region, "find instance " + instanceId));
    }
  }

  private InstancePages.InstanceRow row(String region, Ec2Images.InstanceView i, Account account) {
    return new InstancePages.InstanceRow(i.instanceId(), i.name(), i.state(), i.type(), i.imageId(),
        i.launched().isEmpty() ? "" : i.launched().substring(0, Math.min(16, i.launched().length())).replace('T', ' '),
        i.platform(), Urls.createImage(region, i.instanceId()) + (account == null ? "" : "?account=" + account.id()));
  }

  private void render(Context ctx, String region, String instanceId,
      InstancePages.InstanceRow instance, ImageForm form, String verdict, String demoStop, Account account) {
    ctx.render("copy/create-image.jte", Map.of("page", new InstancePages.Create(
        layouts.of(ctx, "Create an image from " + instanceId + " · AMI Catalog", "audit"), region, instance,
        form.name(), form.description(), form.noReboot(), form.tagsText(), form.error(ImageForm.NAME),
        form.error(ImageForm.DESCRIPTION), form.error(ImageForm.TAGS), verdict, changes.sample() ? null : changes.offReason(),
        Urls.createImage(region, instanceId), confirmations.issue(ctx, "create-image", region, instanceId, id(account)),
        Urls.instances(region) + (account == null ? "" : "&account=" + account.id()), owner(account), sample(), demoStop, id(account))));
  }

  /** Who the new image will belong to: the account the catalog acts as. */
  private String owner(Account account) {
    if (changes.sample()) return "the " + SampleAccount.label();
    if (changes.offReason() != null || account == null) return null;
    return "account " + account.display();
  }

  /** In the demo: whose instances these are, and that nothing is sent. */
  private String sample() {
    return changes.sample() ? "These are the instances of the " + SampleAccount.label() + ", made up (each launched from an"
        + " image the demo catalog lists). Creating an image stops where a catalog with an AWS account asks EC2 for a dry"
        + " run (" + SampleAccount.NOTHING_SENT + ")." : null;
  }
}
