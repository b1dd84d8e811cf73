package amicatalog.audit;

import amicatalog.common.Text;
import amicatalog.image.Category;
import amicatalog.web.Urls;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whose images the audit shows, as it stands in the URL: an owner (alias such as {@code amazon},
 * or a 12-digit account id), a category, a text the family must contain, and the page. With neither
 * owner nor category the audit shows this account's own images (category private).
 */
public record AuditQuery(String owner, String category, String name, int page, String account) {
  static final int MAX_PAGE = 10_000;
  static final Set<String> CATEGORIES = Set.copyOf(Category.LABELS);
  static final String ANY = "any";
  private static final Pattern OWNER = Pattern.compile("\\d{12}|[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * {@code account}: only the images this one of the catalog's accounts sees through its own
   * listings (owns, or has shared with it: image_sightings), "" for any; with it and no owner, every
   * category (what an account sees is private or shared to it).
   */
  public AuditQuery {
    owner = owner == null ? "" : owner.strip();
    account = account == null ? "" : account.strip();
    category = category == null || category.isBlank() ? (owner.isEmpty() && account.isEmpty() ? "private" : ANY) : category.strip();
    name = name == null ? "" : name.strip();
  }

  public AuditQuery(String owner, String category, String name, int page) {
    this(owner, category, name, page, "");
  }

  /** The audit of one owner's images, every category. */
  public static AuditQuery ofOwner(String owner) {
    return new AuditQuery(owner, ANY, "", 1);
  }

  /** Reads and checks the query string; bad values answer 400 with a message saying why. */
  static AuditQuery from(Context ctx) {
    String owner = ctx.queryParam("owner");
    if (owner != null && !owner.isBlank() && !OWNER.matcher(owner.strip()).matches()) {
      throw new BadRequestResponse("'" + Text.cut(owner) + "' is not an owner: give an account id (12 digits) or an alias such as amazon.");
    }
    String category = ctx.queryParam("category");
    if (category != null && !category.isBlank() && !ANY.equals(category.strip()) && !CATEGORIES.contains(category.strip())) {
      throw new BadRequestResponse("Unknown category '" + Text.cut(category) + "': use private, shared, public, marketplace or any.");
    }
    String name = ctx.queryParam("name");
    if (name != null && name.length() > 128) throw new BadRequestResponse("The name filter is longer than 128 characters.");
    String account = ctx.queryParam("account");
    if (account != null && !account.isBlank() && !account.strip().matches("\\d{12}")) {
      throw new BadRequestResponse("'" + Text.cut(account) + "' is not an account: give one of the catalog's account ids (12 digits).");
    }
    return new AuditQuery(owner, category, name, amicatalog.web.QueryParams.page(ctx.queryParam("page"), MAX_PAGE), account);
  }

  boolean anyCategory() {
    return ANY.equals(category);
  }

  AuditQuery withPage(int p) {
    return new AuditQuery(owner, category, name, p, account);
  }

  /** This query as a URL on {@code path}: parameters in a fixed order, defaults left out. */
  String url(String path) {
    List<String> parts = new ArrayList<>();
    if (!owner.isEmpty()) parts.add("owner=" + Urls.enc(owner));
    boolean defaultCategory = owner.isEmpty() && account.isEmpty() ? category.equals("private") : anyCategory();
    if (!defaultCategory) parts.add("category=" + Urls.enc(category));
    if (!name.isEmpty()) parts.add("name=" + Urls.enc(name));
    if (!account.isEmpty()) parts.add("account=" + Urls.enc(account));
    if (page > 1) parts.add("page=" + page);
    return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
  }

}
