package amicatalog.search;

import amicatalog.image.Category;
import amicatalog.image.Facet;
import amicatalog.image.Publishers;
import amicatalog.image.SearchQuery;
import amicatalog.web.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The search page: every link on it is built here, so the template only shows. */
public record SearchPage(
    Layout layout, String q, SearchResult result, List<FacetView> facets, List<Chip> chips,
    List<Link> sorts, List<Header> headers, Link previous, Link next, Link lastPage, String pageLabel, String jsonUrl,
    String csvUrl, String clearUrl, boolean catalogEmpty, String withoutTextUrl, List<Hidden> hidden, List<String> ignored,
    List<String> notes, List<String> alsoMatched, java.util.function.Predicate<String> derivedDeprecation, ValueView newest,
    String feedSearch, Function<String, String> accountLabel) {

  /** The toggle's label (under the heading "Versions"), what it means, said under it, and its chip. */
  static final String NEWEST_LABEL = "Newest only";
  static final String NEWEST_EXPLANATION = "each image family's newest version, in every region that has it; images with no family stay";
  static final String NEWEST_CHIP = "Versions: newest only";

  /** Whether the filters column has nothing to show (an empty search with nothing chosen). */
  public boolean noFilters() {
    return facets.isEmpty() && newest == null;
  }

  /** Whether a row's deprecation was derived by the demo (the page says so beside the badge). */
  public boolean derivedDeprecation(ImageRow row) {
    return row.deprecated() && derivedDeprecation.test(row.ownerId());
  }

  /**
   * A results column: its heading, the link that sorts by it (null when it does not sort), the
   * aria-sort of the current order, and whether it is shown before the reader chooses columns.
   */
  public record Header(String key, String label, String sortUrl, String ariaSort, boolean shown) {}

  /** The catalog's accounts that see a row's image, as "label (id)", by a comma; empty for a public image. */
  public String accounts(ImageRow row) {
    return String.join(", ", row.accountIds().stream().map(accountLabel).toList());
  }

  /** Whether the account column shows before the reader chooses columns. */
  public boolean accountColumnShown() {
    return headers.stream().anyMatch(h -> h.key().equals("account") && h.shown());
  }

  /** Filters and sort carried along when the search box is submitted. */
  public record Hidden(String name, String value) {}

  /** A facet's values: the first few, more behind a toggle, and how many are left out (the JSON twin has all). */
  public record FacetView(String label, String param, List<ValueView> top, List<ValueView> more, int hidden, String help) {
    /** The id of the help text under the heading, for aria-describedby; null without one. */
    public String helpId() {
      return help == null ? null : "facet-help-" + param;
    }
  }

  public record ValueView(String label, String explanation, int count, boolean selected, String url) {
    /** aria-current of a value the search is filtered by: its link removes it, and a screen reader says it is on. */
    public String current() {
      return selected ? "true" : null;
    }
  }

  public record Chip(String label, String removeUrl) {}

  public record Link(String label, String url, boolean current) {}

  private static final int SHOWN = 8;
  private static final int MORE = 40;

  /**
   * The Atom feed of this search's history events (new, deprecated, removed images): of every
   * version, also when the page shows only the newest (a new version's event is the news).
   */
  public String feedUrl() {
    return "/feeds/search.atom" + feedSearch;
  }

  /** The page of that feed, for the link a person clicks: what it follows and how to subscribe. */
  public String feedPageUrl() {
    return "/feeds/search" + feedSearch;
  }

  public String totalLabel() {
    return String.format("%,d %s", result.total(), result.total() == 1 ? "image" : "images");
  }

  /**
   * @param accounts the account ids behind an owner alias: the owner facet shows them, since an
   *                 alias is only a name and the account is what a user must be able to check
   */
  static SearchPage of(Layout layout, SearchQuery query, SearchResult result, boolean catalogEmpty, List<String> ignored,
      List<String> notes, Function<String, List<String>> accounts, java.util.function.Predicate<String> derivedDeprecation,
      Function<String, String> accountLabel) {
    List<FacetView> facets = new ArrayList<>();
    List<Chip> chips = new ArrayList<>();
    for (SearchResult.FacetCounts fc : result.facets()) {
      Facet f = fc.facet();
      // Values come most frequent first; chosen ones always stay in view, whatever their count.
      List<ValueView> top = new ArrayList<>(), more = new ArrayList<>();
      int hidden = 0;
      // Every region is a click away: there are few, and which one a user wants is not the most frequent.
      int shown = f == Facet.REGION ? Integer.MAX_VALUE : SHOWN;
      for (SearchResult.ValueCount vc : fc.values()) {
        if (!vc.selected() && top.size() >= shown && more.size() >= MORE) {
          hidden++;
          continue;
        }
        String url = query.toggleUrl(f, vc.value());
        // One of the catalog's accounts, as owner too, goes by its label ("golden-images (111111111111)").
        String catalogAccount = f == Facet.ACCOUNT || f == Facet.OWNER ? accountLabel.apply(vc.value()) : null;
        ValueView v = new ValueView(f == Facet.ACCOUNT || (catalogAccount != null && !catalogAccount.equals(vc.value()))
            ? catalogAccount : label(f, vc.value(), accounts),
            explanation(f, vc.value()), vc.count(),
            vc.selected(), url);
        (top.size() < shown || vc.selected() ? top : more).add(v);
        if (vc.selected()) chips.add(new Chip(f.label() + ": " + v.label(), url));
      }
      if (f == Facet.OWNER) {  // an account id chosen for images the facet lists under their alias
        for (String v : query.filters().getOrDefault(f, java.util.Set.of())) {
          if (fc.values().stream().noneMatch(vc -> vc.value().equals(v))) chips.add(new Chip(f.label() + ": account " + v, query.toggleUrl(f, v)));
        }
      }
      if (top.isEmpty()) continue;
      // Who can launch says nothing where no owned image was read (the demo, a public-only catalog).
      if (f == Facet.EXPOSURE && fc.values().stream().allMatch(vc -> vc.value().equals("not-read") && !vc.selected())) continue;
      facets.add(new FacetView(f.label(), f.param(), top, more, hidden, f.help()));
    }
    // The newest-of-each-family toggle, counted as a facet value is: the matches it would leave (or leaves).
    ValueView newest = null;
    if (query.newest() || result.newest() > 0) {
      newest = new ValueView(NEWEST_LABEL, NEWEST_EXPLANATION, result.newest(), query.newest(), query.withNewest(!query.newest()).url("/"));
      if (query.newest()) chips.add(new Chip(NEWEST_CHIP, newest.url()));
    }
    List<Link> sorts = new ArrayList<>();
    for (SearchQuery.Sort s : SearchQuery.Sort.values()) {
      sorts.add(new Link(s.label, query.withSort(s).url("/"), s == query.sort()));
    }
    int pages = Math.max(1, (result.total() + SearchQuery.PAGE_SIZE - 1) / SearchQuery.PAGE_SIZE);
    Link previous = query.page() > 1 ? new Link("Previous", query.withPage(query.page() - 1).url("/"), false) : null;
    Link next = query.page() < pages ? new Link("Next", query.withPage(query.page() + 1).url("/"), false) : null;
    // A page past the end (an old link, a hand-edited URL) says so and offers the last page.
    Link lastPage = query.page() > pages && result.total() > 0
        ? new Link(String.format("%,d %s", pages, pages == 1 ? "page" : "pages"), query.withPage(pages).url("/"), false) : null;
    int from = (query.page() - 1) * SearchQuery.PAGE_SIZE + 1;
    String pageLabel = result.rows().isEmpty() ? "" : String.format("%,d–%,d of %,d", from,
        from + result.rows().size() - 1, result.total());
    SearchQuery firstPage = query.withPage(1);
    // The account column shows at first where the results are seen by more than one of the catalog's accounts.
    boolean severalAccounts = result.facets().stream().filter(fc -> fc.facet() == Facet.ACCOUNT)
        .anyMatch(fc -> fc.values().stream().filter(v -> v.count() > 0).count() > 1);
    return new SearchPage(layout, query.q(), result, facets, chips, sorts, headers(query, severalAccounts), previous, next, lastPage, pageLabel,
        firstPage.url("/api/images"), firstPage.withPage(1).url("/api/images.csv"), "/", catalogEmpty,
        query.q().isEmpty() ? null : query.withoutText().url("/"), hidden(query), ignored, notes, alsoMatched(query),
        derivedDeprecation, newest, firstPage.withNewest(false).url(""), accountLabel);
  }

  /** The results columns, in the table's order; Created sorts newest first, and oldest first when it already does. */
  private static List<Header> headers(SearchQuery query, boolean severalAccounts) {
    SearchQuery.Sort sort = query.sort();
    boolean byCreated = sort == SearchQuery.Sort.NEWEST || sort == SearchQuery.Sort.OLDEST;
    return List.of(
        sortable("name", "Name", SearchQuery.Sort.NAME, query),
        new Header("id", "Image ID", null, null, true),
        sortable("region", "Region", SearchQuery.Sort.REGION, query),
        sortable("owner", "Owner", SearchQuery.Sort.OWNER, query),
        sortable("arch", "Arch", SearchQuery.Sort.ARCH, query),
        new Header("created", "Created", query.withSort(sort == SearchQuery.Sort.NEWEST ? SearchQuery.Sort.OLDEST : SearchQuery.Sort.NEWEST).url("/"),
            byCreated ? (sort == SearchQuery.Sort.NEWEST ? "descending" : "ascending") : null, true),
        sortable("category", "Category", SearchQuery.Sort.CATEGORY, query),
        new Header("platform", "Platform", null, null, false),
        new Header("virt", "Virtualization", null, null, false),
        new Header("boot", "Boot mode", null, null, false),
        new Header("state", "State", null, null, false),
        new Header("account", "Account", null, null, severalAccounts));
  }

  private static Header sortable(String key, String label, SearchQuery.Sort sort, SearchQuery query) {
    return new Header(key, label, query.withSort(sort).url("/"), query.sort() == sort ? "ascending" : null, true);
  }

  /** "gpu also matched nvidia, cuda": the synonyms the search box added, said so the count is not a surprise. */
  private static List<String> alsoMatched(SearchQuery query) {
    amicatalog.image.TextSearch text = amicatalog.image.TextSearch.of(query.q());
    if (text == null) return List.of();
    return text.synonyms().stream().map(s -> "“" + s.typed() + "” also matched " + String.join(", ", s.alsoMatched())).toList();
  }

  private static List<Hidden> hidden(SearchQuery query) {
    List<Hidden> hidden = new ArrayList<>();
    query.filters().forEach((f, values) -> values.stream().sorted().forEach(v -> hidden.add(new Hidden(f.param(), v))));
    if (query.newest()) hidden.add(new Hidden(SearchQuery.NEWEST, "1"));
    if (query.sort() != SearchQuery.Sort.NEWEST) hidden.add(new Hidden("sort", query.sort().param()));
    return hidden;
  }

  private static String label(Facet f, String value, Function<String, List<String>> accounts) {
    if (f != Facet.OWNER) return value;
    List<String> ids = accounts.apply(value);
    if (ids.isEmpty()) return Publishers.facetLabel(value);
    return value + " (" + String.join(", ", ids.subList(0, Math.min(2, ids.size())))
        + (ids.size() > 2 ? " +" + (ids.size() - 2) + " more" : "") + ")";
  }

  private static String explanation(Facet f, String value) {
    if (f != Facet.CATEGORY) return null;
    try {
      return Category.parse(value).explanation();
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
