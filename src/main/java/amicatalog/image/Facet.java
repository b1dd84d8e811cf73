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
  PLATFORM("platform", "Platform", Platforms.SQL),
  ARCH("arch", "Architecture", "architecture"),
  VIRT("virt", "Virtualization", "virtualization_type"),
  ROOT("root", "Root device", "root_device_type"),
  BOOT("boot", "Boot mode", "boot_mode"),
  ENA("ena", "ENA", "CASE ena_support WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END"),
  STATE("state", "State", "state"),
  DEPRECATED("deprecated", "Deprecated",
      "CASE WHEN deprecation_time IS NOT NULL AND deprecation_time <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now') THEN 'yes' ELSE 'no' END"),
  YEAR("year", "Created", "substr(creation_date, 1, 4)");

  /** The value shown for an image that has none (e.g. no boot mode set). */
  public static final String NONE = "unspecified";

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
   * The value's SQL expression over the images table's columns: a constant, never user input.
   * Null for a facet of several values an image ({@link #multiValued()}).
   */
  public String sql() { return sql; }

  /** Whether an image may have several values of this facet, or none (the account facet). */
  public boolean multiValued() { return sql == null; }

  /** What the page says under the facet's heading, or null. */
  public String help() {
    return this == ACCOUNT ? "The catalog's accounts that own an image or have it shared with them; public images, seen by every account, have none." : null;
  }

  /**
   * A SQL condition over the images table (its rowid as {@code rowExpression}): the image has one
   * of the values in the JSON list bound to {@code :param}. Constant text, never user input.
   */
  public String condition(String rowExpression, String param) {
    if (this == ACCOUNT) {
      return rowExpression + " IN (SELECT image_row FROM image_sightings WHERE account_id IN (SELECT value FROM json_each(:" + param + ")))";
    }
    return "coalesce(nullif(" + sql + ", ''), '" + NONE + "') IN (SELECT value FROM json_each(:" + param + "))";
  }

  public static Facet byParam(String param) {
    for (Facet f : values()) if (f.param.equals(param.toLowerCase(Locale.ROOT))) return f;
    return null;
  }
}
