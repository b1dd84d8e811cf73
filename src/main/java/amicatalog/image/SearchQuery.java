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
 * The whole state of a search, as it stands in the URL: text, chosen facet values, sort, page, and
 * whether only the newest version of each family is shown ({@code newest=1}).
 * Every link a search page shows is built from it here, so the URL is always shareable.
 */
public record SearchQuery(String q, Map<Facet, Set<String>> filters, Sort sort, int page, boolean newest) {
  public static final int PAGE_SIZE = 50;
  static final int MAX_PAGE = 20_000;
  /** Every facet link repeats the query: a bound on the values bounds what one GET can cost. */
  static final int MOST_VALUES = 50;

  /** The orders; a facet's (owner, architecture, category) sorts by its value, then newest first. */
  public enum Sort {
    NEWEST("Newest", null), OLDEST("Oldest", null), NAME("Name", null), REGION("Region", Facet.REGION),
    OWNER("Owner", Facet.OWNER), ARCH("Architecture", Facet.ARCH), CATEGORY("Category", Facet.CATEGORY);

    public final String label;
    /** The facet whose value orders the images, or null. */
    public final Facet facet;

    Sort(String label, Facet facet) {
      this.label = label;
      this.facet = facet;
    }

    public String param() { return name().toLowerCase(java.util.Locale.ROOT); }
  }

  public SearchQuery {
    q = TextSearch.clean(q);
    EnumMap<Facet, Set<String>> copy = new EnumMap<>(Facet.class);
    filters.forEach((f, v) -> { if (!v.isEmpty()) copy.put(f, Set.copyOf(new LinkedHashSet<>(v))); });
    filters = copy;
  }

  /** A search of every version (newest off). */
  public SearchQuery(String q, Map<Facet, Set<String>> filters, Sort sort, int page) {
    this(q, filters, sort, page, false);
  }

  /** The URL parameter of {@link #newest}: 1 on, 0 or left out off. */
  public static final String NEWEST = "newest";

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
    return new SearchQuery(q, filters, sort(ctx.queryParam("sort")), amicatalog.web.QueryParams.page(ctx.queryParam("page"), MAX_PAGE),
        newest(ctx.queryParam(NEWEST)));
  }

  private static boolean newest(String text) {
    if (text == null || text.isBlank() || text.strip().equals("0")) return false;
    if (text.strip().equals("1")) return true;
    throw new BadRequestResponse("Unknown newest '" + Text.cut(text, 30) + "': use 1 (only the newest version of each family)"
        + " or 0 (every version).");
  }

  private static Sort sort(String text) {
    if (text == null || text.isBlank()) return Sort.NEWEST;
    for (Sort s : Sort.values()) if (s.param().equals(text)) return s;
    throw new BadRequestResponse("Unknown sort '" + Text.cut(text, 30) + "': use "
        + String.join(", ", java.util.Arrays.stream(Sort.values()).map(Sort::param).toList()) + ".");
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
    return new SearchQuery(q, kept, sort, page, newest);
  }

  boolean isSelected(Facet f, String value) {
    return filters.getOrDefault(f, Set.of()).contains(value);
  }

  public boolean isEmpty() {
    return q.isEmpty() && filters.isEmpty() && !newest;
  }

  public SearchQuery withSort(Sort s) {
    return new SearchQuery(q, filters, s, 1, newest);
  }

  public SearchQuery withPage(int p) {
    return new SearchQuery(q, filters, sort, p, newest);
  }

  /** This query with "newest of each family" on or off, from page 1 (the pages change). */
  public SearchQuery withNewest(boolean on) {
    return new SearchQuery(q, filters, sort, on == newest ? page : 1, on);
  }

  /**
   * Facets whose values are names, not prose: typed in the box ("al2023 eu-west-1", "arm64",
   * "amazon"), such a value means what a click on it means. Platform ("linux"), the yes/no facets
   * and years ("windows 2019" is not "created in 2019") stay words.
   */
  static final List<Facet> TYPED = List.of(Facet.REGION, Facet.ARCH, Facet.OWNER, Facet.VIRT, Facet.ROOT, Facet.BOOT);

  /**
   * This query with every box word (or words joined by OR) that is a value of one facet moved
   * from the text into that facet's filter, as if clicked: the page shows it as a chip, and the
   * JSON, CSV and feed of the same URL answer the same. Quoted and excluded words stay words.
   */
  public SearchQuery withTypedFilters(FacetValues known) {
    TextSearch text = TextSearch.of(q);
    if (text == null || text.kind() != TextSearch.Kind.WORDS) return this;
    List<List<TextSearch.Item>> kept = new java.util.ArrayList<>();
    Map<Facet, Set<String>> chosen = new EnumMap<>(Facet.class);
    filters.forEach((f, v) -> chosen.put(f, new LinkedHashSet<>(v)));
    List<List<TextSearch.Item>> groups = TextSearch.groups(q);
    for (List<TextSearch.Item> group : groups) {
      Facet facet = facetOf(group, known);
      if (facet == null) {
        kept.add(group);
        continue;
      }
      for (TextSearch.Item item : group) chosen.computeIfAbsent(facet, f -> new LinkedHashSet<>()).add(typedValue(item));
    }
    if (kept.size() == groups.size()) return this;
    return new SearchQuery(TextSearch.text(kept), chosen, sort, page, newest);
  }

  /** The one facet every item of the group is a value of, or null. */
  private static Facet facetOf(List<TextSearch.Item> group, FacetValues known) {
    Facet common = null;
    for (TextSearch.Item item : group) {
      if (item.phrase() || item.negated()) return null;
      Facet facet = TYPED.stream().filter(f -> known.has(f, typedValue(item))).findFirst().orElse(null);
      if (facet == null || (common != null && facet != common)) return null;
      common = facet;
    }
    return common;
  }

  /** The item as a facet value: lower case, without a list's commas ("arm64," in "al2023, arm64"). */
  private static String typedValue(TextSearch.Item item) {
    return item.text().toLowerCase(java.util.Locale.ROOT).replaceAll("^[,;]+|[,;]+$", "");
  }

  /**
   * What the page says of a facet value typed with a minus ("-eu-west-1"): a word leaves out
   * only images whose text holds it, which is not what leaving out a region means.
   */
  public List<String> excludedFacetWords(FacetValues known) {
    List<String> notes = new java.util.ArrayList<>();
    TextSearch text = TextSearch.of(q);
    if (text == null || text.kind() != TextSearch.Kind.WORDS) return notes;
    for (List<TextSearch.Item> group : TextSearch.groups(q)) {
      for (TextSearch.Item item : group) {
        if (!item.negated() || item.phrase()) continue;
        TYPED.stream().filter(f -> known.has(f, typedValue(item))).findFirst().ifPresent(f -> notes.add(
            "“-" + item.text() + "” leaves out only images whose name, description or tags say " + item.text()
                + "; to leave out a " + f.label().toLowerCase(java.util.Locale.ROOT) + ", choose the ones you want in its facet."));
      }
    }
    return notes;
  }

  public SearchQuery withoutText() {
    return new SearchQuery("", filters, sort, 1, newest);
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
    if (newest) {
      url.append(separator).append(NEWEST).append("=1");
      separator = '&';
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
