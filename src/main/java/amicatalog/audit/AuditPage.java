package amicatalog.audit;

import amicatalog.audit.AuditMatrix.Cell;
import amicatalog.audit.AuditMatrix.Status;
import amicatalog.common.Dates;
import amicatalog.image.Category;
import amicatalog.image.Publishers;
import amicatalog.web.Layout;
import amicatalog.web.Urls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The audit page: the matrix as the template shows it, every label, colour and URL decided here. */
public record AuditPage(Layout layout, String owner, String name, List<Option> categories, String caption,
    List<Column> columns, List<Phrase> phrases, List<RowView> rows, List<Total> totals, String totalsLabel, String csvUrl, String prevUrl,
    String nextUrl, String pageLabel, String empty, List<Pick> picks, String took, String feedsNote,
    List<RuleChecks.InForce> rules, RuleChecks.Trial trial, RuleForm ruleForm, List<Option> accounts) {

  /** The "try a rule" form's values, as given (the owner defaults to the audited one). */
  public record RuleForm(String owner, String name, String stream, boolean open) {}

  public record Option(String value, String label, boolean selected) {}

  public record Column(String region, String url) {}

  public record RowView(String family, String owner, String currentDay, List<CellView> cells,
      String summary, String copyUrl, String copyLabel, String latestUrl, String feedUrl, String familyUrl) {}

  /**
   * A cell: its colour class (none for the common "newest version"), the short text it shows, where
   * clicking goes, and the link's accessible name: either {@code labelledBy}, the id of one of the
   * page's {@link Phrase}s, or, for the rare cells with more to say, {@code name} itself.
   */
  public record CellView(String css, String text, String url, String labelledBy, String name) {}

  /**
   * A name shared by every cell of a column with the same status ("eu-west-1: newest version",
   * "copy to eu-west-1"), written once in the page, hidden, and referenced by id from the cells:
   * a big owner's matrix has thousands of cells, and about 20 bytes of reference each instead of
   * the 40 of the name halves what naming them costs.
   */
  public record Phrase(String id, String text) {}

  public record Total(String css, String label, String title) {}

  /** An owner to look at, e.g. when this account has no images of its own here. */
  public record Pick(String label, String url, String count) {}

  /** {@code history}: whether the catalog has recorded any event, without which every family's feed is empty. */
  /** @param accounts the catalog's accounts, id to "label (id)": a choice where there are several */
  static AuditPage of(Layout layout, AuditMatrix m, List<Pick> picks, String took, boolean history,
      List<RuleChecks.InForce> rules, RuleChecks.Trial trial, RuleForm ruleForm, Map<String, String> accounts) {
    AuditQuery q = m.query();
    List<Option> categories = new ArrayList<>();
    for (String c : concat(Category.LABELS, AuditQuery.ANY)) {
      categories.add(new Option(c, c.equals(AuditQuery.ANY) ? "any category" : c, c.equals(q.category())));
    }
    List<Column> columns = m.regions().stream()
        .map(r -> new Column(r, q.owner().isEmpty() ? "/?region=" + Urls.enc(r) : Urls.search(q.owner(), r)))
        .toList();
    List<Phrase> phrases = new ArrayList<>();
    for (int c = 0; c < m.regions().size(); c++) {
      phrases.add(new Phrase(newestId(c), m.regions().get(c) + ": newest version"));
      phrases.add(new Phrase(copyId(c), "copy to " + m.regions().get(c)));
    }
    // Families most recently updated first: the lines in use on top, one-off images of long ago below.
    List<RowView> rows = m.families().stream()
        .sorted(java.util.Comparator.comparing((AuditMatrix.Row f) -> f.currentCreated() == null ? "" : f.currentCreated())
            .reversed().thenComparing(AuditMatrix.Row::family))
        .map(f -> row(f, layout.mayChange(), accounts)).toList();
    List<Total> totals = new ArrayList<>();
    for (int c = 0; c < m.regions().size(); c++) {
      int column = c;
      long current = m.families().stream().filter(f -> held(f.cells().get(column).status())).count();
      long missing = m.families().stream().filter(f -> f.cells().get(column).status() == Status.MISSING).count();
      long all = m.families().size();
      String css = all == 0 ? "" : current == all ? "t-full" : missing == all ? "t-none" : "t-part";
      totals.add(new Total(css, Long.toString(current), m.regions().get(c) + ": " + current + " of " + all
          + " families current, " + (all - current - missing) + " older or failed, " + missing + " missing"));
    }
    String scope = (q.owner().isEmpty() ? "" : Publishers.facetLabel(q.owner()) + " · ")
        + (q.anyCategory() ? "every category" : q.category() + " images")
        + (q.name().isEmpty() ? "" : " · family contains “" + q.name() + "”")
        + (q.account().isEmpty() ? "" : " · seen by account " + accounts.getOrDefault(q.account(), q.account()));
    List<Option> accountOptions = new ArrayList<>();
    if (accounts.size() > 1 || !q.account().isEmpty()) {
      accountOptions.add(new Option("", "any account", q.account().isEmpty()));
      accounts.forEach((id, label) -> accountOptions.add(new Option(id, label, id.equals(q.account()))));
      if (!accounts.containsKey(q.account()) && !q.account().isEmpty()) accountOptions.add(new Option(q.account(), q.account(), true));
    }
    String caption = String.format(Locale.ROOT, "%,d%s %s × %d regions · %s", m.totalFamilies(),
        m.moreFamilies() ? "+" : "", m.totalFamilies() == 1 ? "family" : "families", m.regions().size(), scope);
    String empty = !m.families().isEmpty() ? null : q.owner().isEmpty() && q.category().equals("private")
        ? "This catalog holds no images of this account (category private). Pick an owner to audit, such as one of these:"
        : "No image families match. Check the owner (an alias such as amazon, or a 12-digit account id) and the filters.";
    String totalsLabel = "Current in the region, of " + m.families().size();
    return new AuditPage(layout, q.owner(), q.name(), categories, caption, columns, phrases, rows, totals, totalsLabel,
        q.withPage(1).url("/audit.csv"), m.page() > 1 ? q.withPage(m.page() - 1).url("/audit") : null,
        m.page() < m.pages() ? q.withPage(m.page() + 1).url("/audit") : null,
        m.pages() > 1 ? "page " + m.page() + " of " + m.pages() + (m.moreFamilies() ? "+" : "") + " (totals are for this page)"
            : null,
        empty, picks, took, m.families().isEmpty() || history ? null : feedsNote(layout), rules, trial, ruleForm, accountOptions);
  }

  /** Said once above the matrix: a "feed" link of a catalog without history leads to an empty feed, and why. */
  private static String feedsNote(Layout layout) {
    return layout.demo()
        ? "The feeds of these families are empty: this demo catalog was loaded once and does not sync, so it has no history yet."
        : "The feeds of these families are empty for now: this catalog has no history yet (a first load records no events)."
            + " A sync that finds a new version, a deprecation or a removal adds the first entries.";
  }

  /** {@code mayCopy}: whether the copy links are offered (an operator's; a viewer gets a 403 behind them). */
  private static RowView row(AuditMatrix.Row f, boolean mayCopy, Map<String, String> accounts) {
    List<CellView> cells = new ArrayList<>();
    for (int i = 0; i < f.cells().size(); i++) cells.add(cell(f, f.cells().get(i), i, mayCopy));
    long current = f.cells().stream().filter(c -> held(c.status())).count();
    long older = f.count(Status.OLDER);
    long missing = f.count(Status.MISSING);
    String summary = current + " current" + (older > 0 ? " · " + older + " older" : "")
        + (missing > 0 ? " · " + missing + " missing" : "");
    long lacking = f.lacking();
    String copyUrl = lacking == 0 || f.sourceImageId() == null || !mayCopy ? null
        : Urls.copy(f.sourceRegion(), f.sourceImageId(), List.of());
    // One of the catalog's accounts is named as the catalog knows it: "golden-images (111111111111)".
    return new RowView(f.family(), accounts.getOrDefault(f.ownerKey(), Publishers.facetLabel(f.ownerKey())), Dates.day(f.currentCreated()),
        cells, summary, copyUrl, copyUrl == null ? null : "Copy to " + lacking + (lacking == 1 ? " region…" : " regions…"),
        // A family with a stream is not a name pattern (/latest would mix the streams): its own page has its newest per region.
        amicatalog.image.FamilyRule.streamOf(f.family()) == null ? Urls.latest(f.ownerKey(), f.family()) : null,
        Urls.familyFeedPage(f.ownerKey(), f.family()), Urls.family(f.ownerKey(), f.family()));
  }

  private static CellView cell(AuditMatrix.Row f, Cell c, int column, boolean mayCopy) {
    String detail = c.imageId() == null ? null : Urls.detail(c.imageId());
    return switch (c.status()) {
      case CURRENT -> new CellView(null, "✓", detail, newestId(column), null);
      case COPYING -> new CellView("c-copying", "…", detail, null, c.region() + ": newest version, still " + c.state());
      case OLDER -> new CellView(c.daysBehind() > 180 ? "c-old" : "c-older", age(c.daysBehind()), detail, null,
          c.region() + ": an older version, " + c.daysBehind() + (c.daysBehind() == 1 ? " day" : " days") + " behind");
      case FAILED -> new CellView("c-failed", "!", detail, null, c.region() + ": newest version " + c.state());
      case MISSING -> f.sourceImageId() == null || !mayCopy
          ? new CellView("c-missing", "–", null, null, c.region() + ": no version")
          : new CellView("c-missing", "–", Urls.copy(f.sourceRegion(), f.sourceImageId(), List.of(c.region())),
              copyId(column), null);
    };
  }

  /** Ids of the phrases of column {@code c}: short, as most cells of the column carry one. */
  private static String newestId(int c) {
    return "n" + c;
  }

  private static String copyId(int c) {
    return "c" + c;
  }

  private static boolean held(Status s) {
    return s == Status.CURRENT || s == Status.COPYING;
  }

  /** "12d", "5mo", "2y": how far behind the current version, short enough for a cell. */
  static String age(long days) {
    if (days < 1) return "<1d";
    if (days < 60) return days + "d";
    if (days < 730) return days / 30 + "mo";
    return days / 365 + "y";
  }

  private static List<String> concat(List<String> labels, String last) {
    List<String> all = new java.util.ArrayList<>(labels);
    all.add(last);
    return all;
  }
}
