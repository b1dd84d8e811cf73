package amicatalog.bench;

import amicatalog.audit.AuditMatrix;
import amicatalog.audit.AuditPage;
import amicatalog.audit.AuditQuery;
import amicatalog.audit.MatrixQueries;
import amicatalog.sync.FamilyKeys;
import amicatalog.db.Database;
import amicatalog.web.Chrome;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Map;

/**
 * The region audit as other parts of the program (the {@code bench} command, tests) use it:
 * the matrix of an owner's image families, and its page as HTML.
 */
public final class Audit {
  /** Families per page of the matrix. */
  public static final int FAMILIES_PER_PAGE = 100;

  private static volatile TemplateEngine templates;

  private Audit() {}

  /**
   * Writes the family key of every image that has none yet (all of them, the first time a catalog
   * written before the audit existed is audited: about a minute per million images). Call it once
   * before timing {@link #matrix}.
   */
  public static void prepare(Database db) {
    FamilyKeys.fillAll(db);
  }

  /** The matrix of one owner (alias or account id), every category, first page; keys images first if needed. */
  public static AuditMatrix matrix(Database db, String owner) {
    return matrix(db, AuditQuery.ofOwner(owner));
  }

  public static AuditMatrix matrix(Database db, AuditQuery query) {
    prepare(db);
    return MatrixQueries.build(db, query, FAMILIES_PER_PAGE, 0);
  }

  /** The matrix as the web page shows it, without waiting for a first keying of a large catalog. */
  public static AuditMatrix forPage(Database db, AuditQuery query) {
    int unkeyed = FamilyKeys.ensure(db);
    return MatrixQueries.build(db, query, FAMILIES_PER_PAGE, unkeyed);
  }

  /** The whole /audit page for a matrix, as the server renders it (for timing the full path). */
  public static String renderHtml(AuditMatrix matrix) {
    StringOutput out = new StringOutput();
    engine().render("audit/matrix.jte", Map.of("page",
        AuditPage.of(new Chrome("Audit · AMI Catalog", "audit", null, "", false), matrix, List.of(), "")), out);
    return out.toString();
  }

  /** The owner (alias, else account id) with the most live images, or null for an empty catalog. */
  public static String largestOwner(Database db) {
    return db.read(h -> h.createQuery("SELECT " + MatrixQueries.OWNER_KEY + " FROM images WHERE removed_at IS NULL "
        + "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").mapTo(String.class).findOne().orElse(null));
  }

  private static TemplateEngine engine() {
    if (templates == null) templates = TemplateEngine.createPrecompiled(ContentType.Html);
    return templates;
  }
}
