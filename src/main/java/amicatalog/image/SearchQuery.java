package amicatalog.image;

import amicatalog.common.Text;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole state of a search, as it stands in the URL: text, chosen facet values, sort, page.
 * Every link a search page shows is built from it here, so the URL is always shareable.
 */
public record SearchQuery(String q, Map<Facet, Set<String>> filters, Sort sort, int page) {
  public static final int PAGE_SIZE = 50;
  static final int MAX_PAGE = 20_000;
  /** Every facet link repeats the query: a bound on the values bounds what one GET can cost. */
  static final int MOST_VALUES = 50;

  public enum Sort {
    NEWEST("Newest"), OLDEST("Oldest"), NAME("Name"), REGION("Region");

    public final String label;

    Sort(String label) { this.label = label; }

    public String param() { return name().toLowerCase(java.util.Locale.ROOT); }
  }

  public SearchQuery {
    q = TextSearch.clean(q);
    EnumMap<Facet, Set<String>> copy = new EnumMap<>(Facet.class);
    filters.forEach((f, v) -> { if (!v.isEmpty()) copy.put(f, Set.copyOf(new LinkedHashSet<>(v))); });
    filters = copy;
  }

  static SearchQuery empty() {
    return new SearchQuery("", Map.of(), Sort.NEWEST, 1);
  }

  /** Reads and checks the query string; bad values answer 400 with a message saying why. */
  public static SearchQuery from(Context ctx) {
    String q = ctx.queryParam("q");
    TextSearch.check(q);
    Map<Facet, Set<String>> filters = new EnumMap<>(Facet.class);
    for (Facet f : Facet.values()) {
      Set<String> values = new LinkedHashSet<>();
      for (String v : ctx.queryParams(f.param())) {
        if (v.isBlank()) continue;
        if (v.length() > 100) throw new BadRequestResponse("A " + f.param() + " value is longer than 100 characters.");
        values.add(v.strip());
      }
      filters.put(f, values);
    }
    if (filters.values().stream().mapToInt(Set::size).sum() > MOST_VALUES) {
      throw new BadRequestResponse("Too many filter values at once (" + MOST_VALUES + " at most, over all facets).");
    }
    return new SearchQuery(q, filters, sort(ctx.queryParam("sort")), amicatalog.web.QueryParams.page(ctx.queryParam("page"), MAX_PAGE));
  }

  private static Sort sort(String text) {
    if (text == null || text.isBlank()) return Sort.NEWEST;
    for (Sort s : Sort.values()) if (s.param().equals(text)) return s;
    throw new BadRequestResponse("Unknown sort '" + Text.cut(text, 30) + "': use newest, oldest, name or region.");
  }

  /** This query without the given facet values. */
  public SearchQuery without(Map<Facet, Set<String>> dropped) {
    if (dropped.isEmpty()) return this;
    Map<Facet, Set<String>> kept = new EnumMap<>(Facet.class);
    filters.forEach((f, values) -> {
      Set<String> v = new LinkedHashSet<>(values);
      v.removeAll(dropped.getOrDefault(f, Set.of()));
      kept.put(f, v);
    });
    return new SearchQuery(q, kept, sort, page);
  }

  boolean isSelected(Facet f, String value) {
    return filters.getOrDefault(f, Set.of()).contains(value);
  }

  public boolean isEmpty() {
    return q.isEmpty() && filters.isEmpty();
  }

  public SearchQuery withSort(Sort s) {
    return new SearchQuery(q, filters, s, 1);
  }

  public SearchQuery withPage(int p) {
    return new SearchQuery(q, filters, sort, p);
  }

  public SearchQuery withoutText() {
    return new SearchQuery("", filters, sort, 1);
  }

  /** This query as a URL on {@code path}: parameters in a fixed order, defaults left out. */
  public String url(String path) {
    return url(path, null, null, page);
  }

  /**
   * The URL (page 1) of this query with one facet value added, or removed when it is chosen.
   * A page links every value it shows, hundreds of them, so this builds the text directly.
   */
  public String toggleUrl(Facet facet, String value) {
    return url("/", facet, value, 1);
  }

  private String url(String path, Facet toggled, String toggledValue, int page) {
    StringBuilder url = new StringBuilder(path);
    char separator = '?';
    if (!q.isEmpty()) {
      url.append(separator).append("q=").append(enc(q));
      separator = '&';
    }
    for (Facet f : Facet.values()) {
      Set<String> chosen = filters.getOrDefault(f, Set.of());
      if (f == toggled) {
        chosen = new java.util.HashSet<>(chosen);
        if (!chosen.remove(toggledValue)) chosen.add(toggledValue);
      }
      String[] values = chosen.toArray(new String[0]);
      java.util.Arrays.sort(values);
      for (String v : values) {
        url.append(separator).append(f.param()).append('=').append(enc(v));
        separator = '&';
      }
    }
    if (sort != Sort.NEWEST) {
      url.append(separator).append("sort=").append(sort.param());
      separator = '&';
    }
    if (page > 1) url.append(separator).append("page=").append(page);
    return url.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

}
