package amicatalog.cleanup;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  static CleanupRules from(Context ctx) {
    return new CleanupRules(
        number(ctx, "older", DEFAULTS.olderThanDays, 36_500), number(ctx, "unlaunched", DEFAULTS.notLaunchedDays, 36_500),
        number(ctx, "superseded", DEFAULTS.supersededBy, 1_000), number(ctx, "keep", DEFAULTS.keepNewest, 1_000), price(ctx));
  }

  private static int number(Context ctx, String name, int fallback, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 0 && n <= max) return n;
    } catch (NumberFormatException e) {
      // said below
    }
    throw new BadRequestResponse(name + " takes a whole number from 0 to " + max + ", not '" + amicatalog.common.Text.cut(v) + "'.");
  }

  private static double price(Context ctx) {
    String v = ctx.queryParam("price");
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
