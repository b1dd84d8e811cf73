package amicatalog.audit;

import amicatalog.common.Csv;
import amicatalog.db.Database;
import amicatalog.image.OwnerCount;
import amicatalog.image.Publishers;
import amicatalog.web.Layouts;
import amicatalog.web.Urls;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** /audit, the region coverage matrix, and its CSV twin. */
public final class AuditHandler {
  /** Families per page of the matrix. */
  public static final int FAMILIES_PER_PAGE = 100;
  static final int CSV_FAMILIES = 10_000;

  private final Database db;
  private final Supplier<List<OwnerCount>> topOwners;
  private final Layouts layouts;

  /** {@code topOwners}: the owners with the most images, offered when no owner is chosen. */
  public AuditHandler(Database db, Supplier<List<OwnerCount>> topOwners, Layouts layouts) {
    this.db = db;
    this.topOwners = topOwners;
    this.layouts = layouts;
  }

  public void page(Context ctx) {
    AuditQuery query = AuditQuery.from(ctx);
    long start = System.nanoTime();
    AuditMatrix matrix = MatrixQueries.build(db, query, FAMILIES_PER_PAGE);
    String took = String.format(Locale.ROOT, "%.0f ms", (System.nanoTime() - start) / 1e6);
    List<AuditPage.Pick> picks = matrix.families().isEmpty() ? picks() : List.of();
    String title = (query.owner().isEmpty() ? "Region audit" : "Region audit of " + query.owner()) + " · AMI Catalog";
    boolean history = db.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM image_events)").mapTo(Boolean.class).one());
    RuleChecks.Trial trial = RuleChecks.trial(db, ctx);
    AuditPage.RuleForm form = new AuditPage.RuleForm(
        ctx.queryParam("rule_owner") != null ? ctx.queryParam("rule_owner") : query.owner(),
        ctx.queryParamAsClass("rule_name", String.class).getOrDefault(""), ctx.queryParamAsClass("rule_stream", String.class).getOrDefault(""),
        trial != null);
    ctx.render("audit/matrix.jte", Map.of("page", AuditPage.of(layouts.of(ctx, title, "audit"), matrix, picks, took, history,
        RuleChecks.inForce(db), trial, form, accounts())));
  }

  /** The catalog's accounts (those a sync listed through), id to "label (id)", in id order. */
  private Map<String, String> accounts() {
    Map<String, String> accounts = new java.util.LinkedHashMap<>();
    db.read(h -> h.createQuery("SELECT id, label FROM accounts ORDER BY id").map((rs, c) -> {
      String label = rs.getString(2);
      return accounts.put(rs.getString(1), label == null || label.isBlank() ? rs.getString(1) : label + " (" + rs.getString(1) + ")");
    }).list());
    return accounts;
  }

  /**
   * One line per (family, region), missing regions included, for up to {@link #CSV_FAMILIES}
   * families (a whole owner; a category as big as "public" at a million images is cut there).
   */
  public void csv(Context ctx) throws IOException {
    AuditQuery query = AuditQuery.from(ctx);
    AuditMatrix matrix = MatrixQueries.build(db, query.withPage(1), CSV_FAMILIES);
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

  private List<AuditPage.Pick> picks() {
    return topOwners.get().stream().map(o -> new AuditPage.Pick(Publishers.facetLabel(o.owner()), Urls.audit(o.owner()),
        String.format(Locale.ROOT, "%,d images", o.images()))).toList();
  }
}
