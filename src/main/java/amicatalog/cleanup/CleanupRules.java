package amicatalog.cleanup;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which owned images the clean-up page proposes, as the user sets it in the URL: older than N days,
 * not launched for N days (0: any), superseded by at least K newer versions, keeping the newest K of
 * each family; and the snapshot price per GiB-month the savings are estimated at. An image in use is
 * never proposed (as the last instances listing of its region has it), and the account's instances
 * are checked again before anything is deregistered.
 */
record CleanupRules(int olderThanDays, int notLaunchedDays, int supersededBy, int keepNewest, double pricePerGib) {
  /** EBS snapshot storage, standard tier, us-east-1, USD per GiB-month (AWS's published price). */
  static final double STANDARD_PRICE = 0.05;
  static final CleanupRules DEFAULTS = new CleanupRules(90, 0, 1, 1, STANDARD_PRICE);

  /** The parameters of the clean-up page's URL: the rules, nothing else. */
  static final Set<String> PARAMETERS = Set.of("older", "unlaunched", "superseded", "keep", "price");

  static CleanupRules from(Context ctx) {
    return from(ctx::queryParam);
  }

  private static CleanupRules from(Function<String, String> param) {
    return new CleanupRules(
        number(param, "older", DEFAULTS.olderThanDays, 36_500), number(param, "unlaunched", DEFAULTS.notLaunchedDays, 36_500),
        number(param, "superseded", DEFAULTS.supersededBy, 1_000), number(param, "keep", DEFAULTS.keepNewest, 1_000), price(param));
  }

  /**
   * The clean-up page a deregistration goes back to, from its {@code back} parameter: a /cleanup URL
   * with only the rules' parameters, each valid, rebuilt here (never an address of another site);
   * "/cleanup" when there is none. Anything else is a 400 that says so.
   */
  static String back(String url) {
    if (url == null || url.isBlank()) return "/cleanup";
    java.net.URI uri;
    try {
      uri = new java.net.URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw notCleanup(url);
    }
    if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawFragment() != null || !"/cleanup".equals(uri.getRawPath())) {
      throw notCleanup(url);
    }
    Map<String, String> params = new HashMap<>();
    for (String pair : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
      if (pair.isEmpty()) continue;
      String[] kv = pair.split("=", 2);
      String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
      if (!PARAMETERS.contains(name) || params.put(name, kv.length == 1 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8)) != null) {
        throw notCleanup(url);
      }
    }
    try {
      return from(params::get).url();
    } catch (BadRequestResponse e) {
      throw new BadRequestResponse("back takes the clean-up page's address with valid rules: " + e.getMessage());
    }
  }

  private static BadRequestResponse notCleanup(String url) {
    return new BadRequestResponse("back takes the clean-up page's address (/cleanup with only older, unlaunched, superseded,"
        + " keep and price), not '" + amicatalog.common.Text.cut(url) + "'.");
  }

  /** The clean-up page with these rules: the parameters that differ from the defaults. */
  String url() {
    List<String> query = new ArrayList<>();
    if (olderThanDays != DEFAULTS.olderThanDays) query.add("older=" + olderThanDays);
    if (notLaunchedDays != DEFAULTS.notLaunchedDays) query.add("unlaunched=" + notLaunchedDays);
    if (supersededBy != DEFAULTS.supersededBy) query.add("superseded=" + supersededBy);
    if (keepNewest != DEFAULTS.keepNewest) query.add("keep=" + keepNewest);
    if (pricePerGib != DEFAULTS.pricePerGib) query.add("price=" + plain(pricePerGib));
    return "/cleanup" + (query.isEmpty() ? "" : "?" + String.join("&", query));
  }

  /** {@code back} (a {@link #url()}) with the action just done, whose outcome the page then says. */
  static String done(String back, long actionId) {
    return back + (back.contains("?") ? "&" : "?") + "done=" + actionId;
  }

  /** A price as typed: 0.05, not 0.050 or 5.0E-2. */
  static String plain(double p) {
    return new java.math.BigDecimal(Double.toString(p)).stripTrailingZeros().toPlainString();
  }

  private static int number(Function<String, String> param, String name, int fallback, int max) {
    String v = param.apply(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 0 && n <= max) return n;
    } catch (NumberFormatException e) {
      // said below
    }
    throw new BadRequestResponse(name + " takes a whole number from 0 to " + max + ", not '" + amicatalog.common.Text.cut(v) + "'.");
  }

  private static double price(Function<String, String> param) {
    String v = param.apply("price");
    if (v == null || v.isBlank()) return STANDARD_PRICE;
    try {
      double p = Double.parseDouble(v.strip());
      if (p >= 0 && p <= 10 && !Double.isNaN(p)) return p;
    } catch (NumberFormatException e) {
      // said below
    }
    throw new BadRequestResponse("price takes USD per GiB-month from 0 to 10, e.g. 0.05, not '" + amicatalog.common.Text.cut(v) + "'.");
  }

  /**
   * Why the image is kept, or null when it is a candidate. {@code instances}: the ids of the instances
   * that run it (empty: none), or null when not known; an image in use is always kept.
   */
  String keptBecause(long ageDays, long launchedDaysAgo, int newer, List<String> instances) {
    List<String> why = new ArrayList<>();
    if (instances != null && !instances.isEmpty()) {
      why.add("in use by " + instances.size() + (instances.size() == 1 ? " instance (" : " instances (") + String.join(", ", instances) + ")");
    }
    if (newer < keepNewest) why.add(newer == 0 ? "the newest of its family" : "one of the newest " + keepNewest + " of its family");
    if (newer < supersededBy) why.add(newer == 0 ? "no newer version" : "only " + newer + " newer " + (newer == 1 ? "version" : "versions"));
    if (ageDays >= 0 && ageDays < olderThanDays) why.add(ageDays + " days old");
    if (notLaunchedDays > 0 && launchedDaysAgo >= 0 && launchedDaysAgo < notLaunchedDays) why.add("launched " + launchedDaysAgo + " days ago");
    return why.isEmpty() ? null : String.join("; ", why);
  }

  String describe() {
    return String.format(Locale.ROOT, "older than %d days%s, superseded by at least %d newer %s, keeping the newest %d of each family",
        olderThanDays, notLaunchedDays > 0 ? ", not launched for " + notLaunchedDays + " days" : "",
        supersededBy, supersededBy == 1 ? "version" : "versions", keepNewest);
  }
}
