package amicatalog.audit;

import amicatalog.bench.Audit;
import amicatalog.sync.FamilyKeys;
import amicatalog.web.AuditLinks;
import amicatalog.search.CatalogSearch;
import amicatalog.common.Csv;
import amicatalog.search.Facet;
import amicatalog.image.Publishers;
import amicatalog.search.SearchQuery;
import amicatalog.search.SearchResult;
import amicatalog.app.App;
import amicatalog.web.AppContext;
import amicatalog.web.Chrome;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** /audit, the region coverage matrix, and its CSV twin. */
public final class AuditHandler {
  private static final int PICKS = 8;
  static final int CSV_FAMILIES = 10_000;

  private AuditHandler() {}

  public static void page(Context ctx) {
    AuditQuery query = AuditQuery.from(ctx);
    AppContext app = ctx.appData(App.CONTEXT);
    long start = System.nanoTime();
    AuditMatrix matrix = Audit.forPage(app.db(), query);
    String took = String.format(Locale.ROOT, "%.0f ms", (System.nanoTime() - start) / 1e6);
    List<AuditPage.Pick> picks = matrix.families().isEmpty() ? picks(app.search()) : List.of();
    String title = (query.owner().isEmpty() ? "Region audit" : "Region audit of " + query.owner()) + " · AMI Catalog";
    ctx.render("audit/matrix.jte", Map.of("page", AuditPage.of(Chrome.of(ctx, title, "audit"), matrix, picks, took)));
  }

  /**
   * One line per (family, region), missing regions included, for up to {@link #CSV_FAMILIES}
   * families (a whole owner; a category as big as "public" at a million images is cut there).
   */
  public static void csv(Context ctx) throws IOException {
    AuditQuery query = AuditQuery.from(ctx);
    AppContext app = ctx.appData(App.CONTEXT);
    FamilyKeys.ensure(app.db());
    AuditMatrix matrix = MatrixQueries.build(app.db(), query.withPage(1), CSV_FAMILIES, 0);
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"ami-audit.csv\"");
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    out.write("owner,family,newest_version,region,status,image_id,name,created,days_behind\r\n");
    for (AuditMatrix.Row row : matrix.families()) {
      for (AuditMatrix.Cell c : row.cells()) {
        out.write(Csv.line(row.ownerKey(), row.family(), row.currentName(), c.region(),
            c.status().name().toLowerCase(Locale.ROOT), c.imageId(), c.name(), c.created(),
            c.status() == AuditMatrix.Status.OLDER ? Long.toString(c.daysBehind()) : ""));
      }
    }
    out.flush();
  }

  /** The owners with the most images, from the search's facet counts (no extra SQL). */
  private static List<AuditPage.Pick> picks(CatalogSearch search) {
    SearchResult all = search.search(new SearchQuery("", Map.of(), SearchQuery.Sort.NEWEST, 1));
    return all.facets().stream().filter(f -> f.facet() == Facet.OWNER).findFirst()
        .map(f -> f.values().stream().limit(PICKS)
            .map(v -> new AuditPage.Pick(Publishers.facetLabel(v.value()), AuditLinks.audit(v.value()),
                String.format(Locale.ROOT, "%,d images", v.count())))
            .toList())
        .orElse(List.of());
  }
}
