package amicatalog.compare;

import amicatalog.compare.CompareQueries.Compared;
import amicatalog.web.Layout;
import java.util.ArrayList;
import java.util.List;

/** The compare page: columns, the table, what was wrong with the ids, and every link it shows. */
public record ComparePage(
    Layout layout, List<Column> columns, Comparison table, List<String> problems, String notice,
    boolean onlyDifferences, int differing, String toggleUrl, String shareUrl, String jsonUrl, List<String> keptIds) {

  /** One compared image: its heading and the links under it. */
  /** @param derived whether the demo derived the deprecation (the page says so beside it) */
  public record Column(String title, String imageId, String region, String category, boolean deprecated,
      boolean derived, boolean gone, String detailUrl, String launchUrl, String removeUrl) {}

  /** Whether there is something to compare: at least two images. */
  public boolean comparing() {
    return columns.size() >= Selection.MIN;
  }

  /** Only differences asked for, and there are none. */
  public boolean identical() {
    return comparing() && onlyDifferences && table.sections().isEmpty();
  }

  /** Columns plus the label column, for a section heading spanning the table. */
  public int span() {
    return columns.size() + 1;
  }

  /** The compared ids as JSON, for the search page's compare tray (static/compare.js). */
  public String comparedJson() {
    return amicatalog.common.Json.write(keptIds);
  }

  static ComparePage of(Layout layout, Selection selection, boolean onlyDifferences, String origin,
      java.util.Optional<amicatalog.image.DerivedFields> derived) {
    List<String> ids = selection.images().stream().map(c -> c.key().param()).toList();
    List<Column> columns = new ArrayList<>();
    for (Compared c : selection.images()) {
      List<String> others = ids.stream().filter(id -> !id.equals(c.key().param())).toList();
      String deprecation = c.image().deprecationTime();
      columns.add(new Column(c.image().name() != null ? c.image().name() : c.image().imageId(), c.image().imageId(),
          c.key().region(), c.meta().category(),
          deprecation != null && deprecation.compareTo(java.time.Instant.now().toString()) <= 0,
          deprecation != null && derived.map(d -> d.derives(c.image().ownerId(), "DeprecationTime")).orElse(false),
          c.meta().removedAt() != null, c.key().detailUrl(), c.key().detailUrl() + "/launch",
          url("/compare", others, onlyDifferences)));
    }
    Comparison all = Comparison.of(selection.images());
    return new ComparePage(layout, columns, onlyDifferences ? all.onlyDifferences() : all, selection.problems(),
        selection.notice(), onlyDifferences, all.differing(), url("/compare", ids, !onlyDifferences),
        origin + url("/compare", ids, onlyDifferences), url("/api/compare", ids, onlyDifferences), ids);
  }

  /** "/compare?id=eu-west-1%2Fami-1&id=…&diff=1": the one place compare URLs are made. */
  static String url(String path, List<String> ids, boolean onlyDifferences) {
    List<String> params = new ArrayList<>();
    ids.forEach(id -> params.add("id=" + ImageKey.enc(id)));
    if (onlyDifferences) params.add("diff=1");
    return params.isEmpty() ? path : path + "?" + String.join("&", params);
  }
}
