package amicatalog.detail;

import amicatalog.db.Database;
import amicatalog.image.Drift;
import amicatalog.image.FamilyVersions;
import amicatalog.web.Layouts;
import amicatalog.web.PathParams;
import amicatalog.web.Urls;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;

/** One image: its page and its JSON twin. */
public final class DetailHandler {
  private final Database db;
  private final Layouts layouts;

  public DetailHandler(Database db, Layouts layouts) {
    this.db = db;
    this.layouts = layouts;
  }

  public void page(Context ctx) {
    ImageDetail detail = find(ctx);
    String title = (detail.image().name() != null ? detail.image().name() : detail.image().imageId()) + " · AMI Catalog";
    String family = detail.meta().familyKey();
    String owner = detail.image().ownerAlias() != null ? detail.image().ownerAlias() : detail.image().ownerId();
    FamilyVersions versions = family == null ? null : db.read(h -> FamilyVersions.find(h, owner, family));
    Drift.InUse inUse = db.read(h -> Drift.inUse(h, detail.region(), detail.image().imageId()));
    Access access = db.read(h -> Access.of(h, detail.meta().id()));
    ctx.render("detail/detail.jte", Map.of("page", DetailPage.of(layouts.of(ctx, title, "search"), detail, versions, inUse,
        access)));
  }

  /**
   * /images/{imageId}: an image's page by its id alone, which is all the audit matrix's cells link
   * with (the region is their column's; spelled out in each of thousands of cells it would weigh).
   */
  public void byId(Context ctx) {
    String imageId = PathParams.imageId(ctx);
    String region = ImageDetail.regionOf(db, imageId).orElseThrow(() ->
        new NotFoundResponse("The catalog has no image " + imageId + ". Search for it, or run a sync."));
    ctx.redirect(Urls.detail(region, imageId));
  }

  public void json(Context ctx) {
    ctx.json(find(ctx).json());
  }

  private ImageDetail find(Context ctx) {
    String region = PathParams.region(ctx);
    String imageId = PathParams.imageId(ctx);
    return ImageDetail.find(db, region, imageId).orElseThrow(() ->
        new NotFoundResponse("The catalog has no image " + imageId + " in " + region + ". Search for it, or run a sync."));
  }
}
