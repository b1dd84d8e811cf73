package amicatalog.copy;

import amicatalog.web.Layout;
import java.util.List;

/**
 * Copies and new images under way and done: each with its status (pending → available | failed)
 * and whether the catalog has indexed the new image yet. {@code pending} makes the page refresh.
 */
public record ProgressPage(Layout layout, List<Row> rows, boolean pending, String notice, String syncUrl) {

  public record Row(long id, String kind, String at, String ago, String what, String route, String newImageId,
      String newUrl, String status, String note, boolean highlighted) {}
}
