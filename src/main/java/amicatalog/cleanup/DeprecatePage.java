package amicatalog.cleanup;

import amicatalog.common.Dates;
import amicatalog.web.Layout;
import amicatalog.web.Urls;

/** The deprecation form and its confirmation (one template). */
public record DeprecatePage(Layout layout, String imageId, String name, String region, String detailUrl, String current,
    String off, String date, String error, Boolean ok, String message, String nonce, String action) {

  public boolean checked() {
    return ok != null;
  }

  /** The confirmation's sentence: exactly what is asked. */
  public String what() {
    return date == null ? "Un-deprecate " + imageId + " in " + region + " (DisableImageDeprecation)"
        : "Deprecate " + imageId + " in " + region + " on " + date + " 00:00 UTC (EnableImageDeprecation)";
  }

  static DeprecatePage form(Layout layout, OwnedImages.Owned i, String off, String date, String error) {
    return new DeprecatePage(layout, i.imageId(), i.label(), i.region(), Urls.detail(i.region(), i.imageId()), current(i), off, date,
        error, null, null, null, DeprecateHandler.url(i));
  }

  static DeprecatePage confirm(Layout layout, OwnedImages.Owned i, boolean ok, String message, String date, String nonce) {
    return new DeprecatePage(layout, i.imageId(), i.label(), i.region(), Urls.detail(i.region(), i.imageId()), current(i), null, date,
        null, ok, message, nonce, DeprecateHandler.url(i) + "/confirm");
  }

  private static String current(OwnedImages.Owned i) {
    return i.deprecationTime() == null ? "not deprecated" : "deprecated from " + Dates.day(i.deprecationTime());
  }
}
