package amicatalog.families;

import amicatalog.common.Csv;
import amicatalog.common.Text;
import amicatalog.db.Database;
import amicatalog.image.FamilyVersions;
import amicatalog.web.Layouts;
import amicatalog.web.QueryParams;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/** /families/{owner}/{family}: one family's versions, regions and timeline, and its JSON and CSV twins. */
public final class FamilyHandler {
  private static final Pattern OWNER = Pattern.compile("\\d{12}|[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final int MAX_PAGE = 10_000;

  private final Database db;
  private final Layouts layouts;

  public FamilyHandler(Database db, Layouts layouts) {
    this.db = db;
    this.layouts = layouts;
  }

  public void page(Context ctx) {
    FamilyVersions f = find(ctx.pathParam("owner"), ctx.pathParam("family"));
    int page = QueryParams.page(ctx.queryParam("page"), MAX_PAGE);
    String title = f.family() + " · " + f.owner() + " · AMI Catalog";
    ctx.render("families/family.jte", Map.of("page", FamilyPage.of(layouts.of(ctx, title, "audit"), f, page)));
  }

  public void json(Context ctx) {
    ctx.json(FamilyJson.of(find(ctx.queryParam("owner"), ctx.queryParam("family"))));
  }

  /** One line per version and region, every version (not only a page's). */
  public void csv(Context ctx) throws IOException {
    FamilyVersions f = find(ctx.queryParam("owner"), ctx.queryParam("family"));
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"ami-family.csv\"");
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    out.write("owner,family,version,version_created,region,image_id,created,state,deprecation_time,removed_at\r\n");
    for (FamilyVersions.Version v : f.versions()) {
      for (FamilyVersions.Copy c : v.copies()) {
        out.write(Csv.line(f.owner(), f.family(), v.name(), v.created(), c.region(), c.imageId(), c.creationDate(), c.state(),
            c.deprecationTime(), c.removedAt()));
      }
    }
    out.flush();
  }

  /** The family, or a 400 that says what is wrong with the owner or family, or a 404 when there is none. */
  private FamilyVersions find(String owner, String family) {
    if (owner == null || owner.isBlank()) throw new BadRequestResponse("Say whose family: owner, an account id or an alias such as amazon.");
    if (!OWNER.matcher(owner.strip()).matches()) {
      throw new BadRequestResponse("'" + Text.cut(owner) + "' is not an owner: give an account id (12 digits) or an alias such as amazon.");
    }
    if (family == null || family.isBlank()) throw new BadRequestResponse("Say which family, as the audit shows it: the name with its version as *.");
    if (family.length() > 300) throw new BadRequestResponse("The family is longer than 300 characters.");
    FamilyVersions f = db.read(h -> FamilyVersions.find(h, owner.strip(), family));
    if (f.versions().isEmpty()) {
      throw new NotFoundResponse("The catalog has no family '" + Text.cut(family) + "' of " + Text.cut(owner)
          + ". The region audit of the owner lists its families.");
    }
    return f;
  }
}
