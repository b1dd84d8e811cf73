package amicatalog.exposure;

import amicatalog.actions.ActionLog;
import amicatalog.common.Csv;
import amicatalog.db.Database;
import amicatalog.image.LaunchGrantee;
import amicatalog.web.Layouts;
import amicatalog.web.Urls;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** /exposure: the owned images someone outside may launch, and each region's block public access; its JSON and CSV twins. */
public final class ExposureHandler {
  private final Database db;
  private final Layouts layouts;

  public ExposureHandler(Database db, Layouts layouts) {
    this.db = db;
    this.layouts = layouts;
  }

  public void page(Context ctx) {
    String account = account(ctx);
    Exposure exposure = Exposure.read(db, account);
    ctx.render("exposure/exposure.jte", Map.of("page", ExposurePage.of(layouts.of(ctx, "Exposure · AMI Catalog", "exposure"),
        exposure, account, outcome(ctx))));
  }

  public void json(Context ctx) {
    Exposure exposure = Exposure.read(db, account(ctx));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ownedImagesRead", exposure.read());
    answer.put("images", exposure.exposed().stream().map(i -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("accountId", i.ownerId());
      m.put("accountLabel", exposure.insiders().labels().get(i.ownerId()));
      m.put("region", i.region());
      m.put("imageId", i.imageId());
      m.put("name", i.name());
      m.put("public", i.isPublic());
      m.put("outside", i.outside().stream().map(g -> Map.of("grantee", g.value(), "kind", kind(g), "label",
          exposure.insiders().label(g))).toList());
      Exposure.Blocking b = exposure.blockingOf(i);
      m.put("blockPublicAccess", b == null ? null : b.state());
      m.put("readAt", i.readAt());
      m.put("readError", i.error());
      m.put("url", Urls.detail(i.region(), i.imageId()));
      return m;
    }).toList());
    answer.put("blockPublicAccess", exposure.blocking().stream().map(b -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("accountId", b.accountId());
      m.put("region", b.region());
      m.put("state", b.state());
      m.put("error", b.error());
      m.put("readAt", b.readAt());
      return m;
    }).toList());
    ctx.json(answer);
  }

  /** One line per grant that reaches outside. */
  public void csv(Context ctx) throws IOException {
    Exposure exposure = Exposure.read(db, account(ctx));
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"ami-exposure.csv\"");
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    out.write("account_id,account_label,region,image_id,image_name,grantee,grantee_kind,block_public_access,read_at\r\n");
    for (Exposure.Image i : exposure.exposed()) {
      Exposure.Blocking b = exposure.blockingOf(i);
      for (LaunchGrantee g : i.outside()) {
        out.write(Csv.line(i.ownerId(), exposure.insiders().labels().get(i.ownerId()), i.region(), i.imageId(), i.name(), g.value(),
            kind(g), b == null ? null : b.state(), i.readAt()));
      }
    }
    out.flush();
  }

  private static String kind(LaunchGrantee g) {
    return g.kind().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code ?account=}: one of the catalog's accounts, by its 12-digit id. */
  private static String account(Context ctx) {
    String account = ctx.queryParam("account");
    if (account == null || account.isBlank()) return null;
    if (!amicatalog.aws.Account.ID.matcher(account.strip()).matches()) {
      throw new BadRequestResponse("account takes a 12-digit AWS account id, such as 111111111111.");
    }
    return account.strip();
  }

  /** The sharing action a confirmation just ran ({@code ?done=ID}), said in a sentence. */
  private ExposurePage.Outcome outcome(Context ctx) {
    return ActionLog.done(db, ctx, java.util.List.of("make-private", "unshare"))
        .map(e -> new ExposurePage.Outcome(ActionLog.FAILED.equals(e.status()) ? "warn" : "",
            SharingHandler.what(e) + ": " + (e.error() != null ? "stopped: " + e.error() : e.status())))
        .orElse(null);
  }
}
