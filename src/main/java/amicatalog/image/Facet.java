package amicatalog.image;

import java.util.Locale;

/**
 * The search facets: the query parameter, the label people read, and the SQL expression that
 * gives an image's value (computed once per index build, never per request).
 */
public enum Facet {
  REGION("region", "Region", "region"),
  CATEGORY("category", "Category", "category"),
  OWNER("owner", "Owner", "coalesce(owner_alias, owner_id)"),
  /**
   * The catalog's accounts that see the image through their own listings (image_sightings: it owns
   * it, or it is shared with it): several values an image, or none. Public images (Amazon's, the
   * Marketplace's, community ones) are seen by every account alike and carry no value here.
   */
  ACCOUNT("account", "Account", null),
  /**
   * Who may launch an image the catalog's accounts own, as the last sync read its launch
   * permissions (image.LaunchGrantee's rule of outside, in SQL): public first, then shared outside
   * the accounts and their Organization, shared with them only (inside), its owner only; not read
   * for the images of other owners.
   */
  EXPOSURE("exposure", "Who can launch", """
      CASE WHEN NOT EXISTS (SELECT 1 FROM launch_permission_reads r WHERE r.image_row = images.id) THEN 'not-read'
           WHEN EXISTS (SELECT 1 FROM launch_permissions p WHERE p.image_row = images.id AND p.grantee = 'all') THEN 'public'
           WHEN EXISTS (SELECT 1 FROM launch_permissions p WHERE p.image_row = images.id AND (
                  (p.grantee NOT LIKE 'arn:%' AND p.grantee NOT IN (SELECT a.id FROM accounts a))
                  OR (p.grantee LIKE 'arn:%' AND NOT EXISTS (SELECT 1 FROM accounts a
                        WHERE a.organization_id IS NOT NULL AND p.grantee LIKE '%/' || a.organization_id || '/%'
                           OR a.organization_id IS NOT NULL AND p.grantee LIKE '%/' || a.organization_id))))
             THEN 'shared-outside'
           WHEN EXISTS (SELECT 1 FROM launch_permissions p WHERE p.image_row = images.id) THEN 'shared-inside'
           ELSE 'owner-only' END"""),
  PLATFORM("platform", "Platform", Platforms.SQL),
  ARCH("arch", "Architecture", "architecture"),
  VIRT("virt", "Virtualization", "virtualization_type"),
  ROOT("root", "Root device", "root_device_type"),
  BOOT("boot", "Boot mode", "boot_mode"),
  ENA("ena", "ENA", "CASE WHEN ena_support THEN 'yes' WHEN NOT ena_support THEN 'no' END"),
  STATE("state", "State", "state"),
  DEPRECATED("deprecated", "Deprecated",
      "CASE WHEN deprecation_time IS NOT NULL AND deprecation_time <= " + Facet.NOW + " THEN 'yes' ELSE 'no' END"),
  YEAR("year", "Created", "substr(creation_date, 1, 4)");

  /** The value shown for an image that has none (e.g. no boot mode set). */
  public static final String NONE = "unspecified";

  /** Where an expression needs the time now, which each store writes its own way (Dialect.utcNow). */
  private static final String NOW = "{now}";

  private final String param;
  private final String label;
  private final String sql;

  Facet(String param, String label, String sql) {
    this.param = param;
    this.label = label;
    this.sql = sql;
  }

  public String param() { return param; }

  public String label() { return label; }

  /**
   * The value's SQL expression over the images table's columns, in the store's dialect: a
   * constant, never user input. Null for a facet of several values an image ({@link #multiValued()}).
   */
  public String sql(amicatalog.db.Dialect d) {
    return sql == null ? null : sql.replace(NOW, d.utcNow());
  }

  /** Whether an image may have several values of this facet, or none (the account facet). */
  public boolean multiValued() { return sql == null; }

  /** What the page says under the facet's heading, or null. */
  public String help() {
    return switch (this) {
      case ACCOUNT -> "The catalog's accounts that own an image or have it shared with them; public images, seen by every account, have none.";
      case EXPOSURE -> "For the images the catalog's accounts own, who else may launch them, as the last sync read their launch"
          + " permissions: everyone, someone outside the accounts and their Organization, the accounts only (inside), or the owner only.";
      default -> null;
    };
  }

  /**
   * A SQL condition over the images table (its rowid as {@code rowExpression}): the image has one
   * of the values in the JSON list bound to {@code :param}. Constant text, never user input.
   */
  public String condition(amicatalog.db.Dialect d, String rowExpression, String param) {
    if (this == ACCOUNT) {
      return rowExpression + " IN (SELECT image_row FROM image_sightings WHERE account_id " + d.inTexts(":" + param) + ")";
    }
    // An expression that names the image's row (EXPOSURE) names the caller's.
    return "coalesce(nullif(" + sql(d).replace("images.id", rowExpression) + ", ''), '" + NONE + "') " + d.inTexts(":" + param);
  }

  public static Facet byParam(String param) {
    for (Facet f : values()) if (f.param.equals(param.toLowerCase(Locale.ROOT))) return f;
    return null;
  }
}
