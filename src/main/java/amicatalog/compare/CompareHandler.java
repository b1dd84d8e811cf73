package amicatalog.compare;

import amicatalog.db.Database;
import amicatalog.image.ImageJson;
import amicatalog.image.StoredImage;
import amicatalog.web.Layouts;
import amicatalog.web.Origins;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** /compare and its JSON twin: parse the ids, look them up, lay them side by side. */
public final class CompareHandler {
  private final Database db;
  private final Origins origins;
  private final Layouts layouts;

  public CompareHandler(Database db, Origins origins, Layouts layouts) {
    this.db = db;
    this.origins = origins;
    this.layouts = layouts;
  }

  public void page(Context ctx) {
    Selection selection = Selection.resolve(db, ctx.queryParams("id"));
    String title = selection.images().size() >= Selection.MIN
        ? "Compare " + selection.images().size() + " images · AMI Catalog" : "Compare · AMI Catalog";
    ctx.render("compare/compare.jte", Map.of("page", ComparePage.of(layouts.of(ctx, title, "search"), selection,
        onlyDifferences(ctx), origin(ctx), amicatalog.image.DerivedFields.of(db))));
  }

  public void json(Context ctx) {
    Selection selection = Selection.resolve(db, ctx.queryParams("id"));
    ComparePage page = ComparePage.of(null, selection, onlyDifferences(ctx), origin(ctx), java.util.Optional.empty());
    Map<String, Object> body = new LinkedHashMap<>();
    // Each image as every API answer gives it; the table's rows are text as the page shows it.
    body.put("images", selection.images().stream()
        .map(c -> ImageJson.of(new StoredImage(c.image(), c.meta()))).toList());
    body.put("problems", page.problems());
    body.put("notice", page.notice());
    body.put("onlyDifferences", page.onlyDifferences());
    body.put("differing", page.differing());
    body.put("sections", page.table().sections());
    body.put("url", page.shareUrl());
    ctx.json(body);
  }

  /** "http://host:port", for the shareable link: the configured origin, never the request's Host. */
  private String origin(Context ctx) {
    return origins.base(ctx);
  }

  private boolean onlyDifferences(Context ctx) {
    return "1".equals(ctx.queryParam("diff"));
  }
}
