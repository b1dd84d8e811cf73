package amicatalog.search;

import amicatalog.db.Database;
import amicatalog.image.Facet;
import amicatalog.image.SearchQuery;
import amicatalog.image.TextSearch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers searches: text, facets and order through the Lucene index ({@link LuceneEngine}, on
 * disk beside the catalog, updated with what each sync changed), the rows themselves from SQLite.
 * The README's "Search" tells why Lucene and not the in-memory bit sets this replaced.
 */
public final class CatalogSearch implements amicatalog.image.LiveCounts, amicatalog.image.FacetValues, AutoCloseable {
  private static final int FACET_VALUES = 100;
  private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("\\d{12}");

  private final Database db;
  private final LuceneEngine engine;
  private volatile Map<String, List<String>> accounts = Map.of();
  /** The labels of the catalog's accounts (the accounts table), by id; an account without one is absent. */
  private volatile Map<String, String> accountLabels = Map.of();
  private volatile Mark indexed;  // the store's mark when the index was last built
  private volatile amicatalog.image.DerivedFields derived;  // the demo's derived values, or null
  private final PerIndexCache<SearchQuery, LuceneSearch.Tally> tallies = new PerIndexCache<>(64);

  /** Search through the Lucene index beside the catalog file ({@link #indexDir}), made or brought up to date by {@link #refresh}. */
  public CatalogSearch(Database db) {
    this.db = db;
    this.engine = new LuceneEngine(db, db.file() != null ? indexDir(db.file()) : privateIndexDir());
  }

  /**
   * A PostgreSQL store's index: a folder of this process's own, which it builds from the store
   * when it starts. Each replica keeps its own (Lucene allows one writer a folder), and nothing is
   * lost with it: the store holds everything the index is made from.
   */
  private static Path privateIndexDir() {
    try {
      Path dir = java.nio.file.Files.createTempDirectory("ami-catalog-search-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (var files = java.nio.file.Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException gone) {
          // A temporary folder: the system clears it in the end.
        }
      }, "search-index-cleanup"));
      return dir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot make a folder for the search index: " + e.getMessage(), e);
    }
  }

  /** Where the index of a catalog file is kept: beside it. */
  public static Path indexDir(Path catalog) {
    return Path.of(catalog.toAbsolutePath() + ".search");
  }

  /** Brings the search up to date with the store; searches keep using the old index meanwhile. */
  public synchronized void refresh() {
    Mark mark = mark();  // read first: a change during the build is caught next time
    engine.refresh();
    accounts = db.read(h -> {
      Map<String, List<String>> byAlias = new java.util.TreeMap<>();
      h.createQuery("SELECT DISTINCT owner_alias, owner_id FROM images WHERE owner_alias IS NOT NULL AND removed_at IS NULL"
              + " ORDER BY owner_alias, owner_id")
          .map((rs, ctx) -> byAlias.computeIfAbsent(rs.getString(1), a -> new ArrayList<>()).add(rs.getString(2))).list();
      return byAlias;
    });
    derived = amicatalog.image.DerivedFields.of(db).orElse(null);
    accountLabels = db.read(h -> {
      Map<String, String> labels = new java.util.HashMap<>();
      h.createQuery("SELECT id, label FROM accounts WHERE label IS NOT NULL AND label <> ''")
          .map((rs, ctx) -> labels.put(rs.getString(1), rs.getString(2))).list();
      return Map.copyOf(labels);
    });
    indexed = mark;
  }

  /** Whether the catalog (the demo) derived this image's deprecation rather than read it from EC2. */
  public boolean derivedDeprecation(String ownerId) {
    amicatalog.image.DerivedFields d = derived;
    return d != null && d.derives(ownerId, "DeprecationTime");
  }

  /** Bytes the index takes on disk. */
  public long bytesOnDisk() {
    return engine.bytesOnDisk();
  }

  @Override
  public void close() {
    engine.close();
  }

  /**
   * Brings the index up to date when another process changed the store since the last build: a
   * `sync` from cron or an `import` on the same file, or, on a PostgreSQL store, a sync worker or
   * another replica (a deregistration there writes an event).
   */
  public void refreshIfChanged() {
    if (!mark().equals(indexed)) refresh();
  }

  /**
   * What tells that the store changed: how many runs have finished (a count, not the newest id,
   * since workers' runs finish in any order, and none is ever deleted), the newest event, and the
   * family rules (another replica started with a new rules file: the families are keyed anew).
   */
  private record Mark(long finishedRuns, long newestEvent, String familyRules) {}

  private Mark mark() {
    return db.read(h -> {
      long[] counts = h.createQuery("SELECT (SELECT count(*) FROM sync_runs WHERE finished_at IS NOT NULL),"
              + " (SELECT coalesce(max(id), 0) FROM image_events)")
          .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
      return new Mark(counts[0], counts[1], LuceneEngine.fingerprint(amicatalog.image.FamilyRules.stored(h)));
    });
  }

  @Override
  public int liveImages() {
    return withIndex(LuceneSearch::size);
  }

  @Override
  public int liveRegions() {
    return withIndex(idx -> (int) idx.labels(Facet.REGION).stream().filter(r -> idx.code(Facet.REGION, r) >= 0).count());
  }

  /** Runs f on the engine's current view, given back afterwards. */
  private <T> T withIndex(java.util.function.Function<LuceneSearch, T> f) {
    LuceneSearch idx = engine.acquire();
    try {
      return f.apply(idx);
    } finally {
      engine.release(idx);
    }
  }

  /**
   * The query as it will be answered: region, owner and other facet values typed as words become
   * filters ({@link SearchQuery#withTypedFilters}); filter values no image has (a typo, a made-up
   * value) are left out, so they neither empty the result nor repeat in every link, and the page says so.
   */
  public Known known(SearchQuery asked) {
    return withIndex(idx -> {
      SearchQuery query = asked.withTypedFilters((facet, value) -> idx.code(facet, value) >= 0);
      Map<Facet, Set<String>> unknown = new java.util.EnumMap<>(Facet.class);
      query.filters().forEach((facet, values) -> values.stream().filter(v -> idx.code(facet, v) < 0 && !anAliasedAccount(idx, facet, v))
          .forEach(v -> unknown.computeIfAbsent(facet, f -> new java.util.TreeSet<>()).add(v)));
      return new Known(query.without(unknown), unknown, asked.excludedFacetWords((facet, value) -> idx.code(facet, value) >= 0));
    });
  }

  @Override
  public boolean has(Facet facet, String value) {
    return withIndex(idx -> idx.code(facet, value) >= 0);
  }

  /** An owner value that is the account id of images the facet lists under an alias. */
  private static boolean anAliasedAccount(LuceneSearch idx, Facet facet, String value) {
    return facet == Facet.OWNER && ACCOUNT.matcher(value).matches() && idx.hasAccount(value);
  }

  /** One of the catalog's accounts as the pages name it: "golden-images (111111111111)", or the id alone without a label. */
  public String accountLabel(String accountId) {
    String label = accountLabels.get(accountId);
    return label == null ? accountId : label + " (" + accountId + ")";
  }

  /** The account ids behind an owner alias (amazon publishes from many), for the owner facet's labels. */
  public List<String> accountsOf(String alias) {
    return accounts.getOrDefault(alias, List.of());
  }

  /** A query without its unknown values, and those values. */
  /** @param notes what the page says of words that cannot mean what they seem to (a region with a minus) */
  public record Known(SearchQuery query, Map<Facet, Set<String>> unknown, List<String> notes) {
    /** "owner “nobody”", for the page's notice and the JSON twin. */
    public List<String> labels() {
      List<String> labels = new ArrayList<>();
      unknown.forEach((f, values) -> values.forEach(v -> labels.add(f.param() + " “" + v + "”")));
      return labels;
    }
  }

  /** How many live images have this facet value (0 for a value no image has), from the facet counts. */
  public int liveCount(Facet facet, String value) {
    SearchResult all = search(new SearchQuery("", Map.of(), SearchQuery.Sort.NEWEST, 1));
    return all.facets().stream().filter(f -> f.facet() == facet).flatMap(f -> f.values().stream())
        .filter(v -> v.value().equals(value)).mapToInt(SearchResult.ValueCount::count).findFirst().orElse(0);
  }

  /** The owners with the most live images, from the facet counts (no SQL). */
  public List<amicatalog.image.OwnerCount> topOwners(int n) {
    SearchResult all = search(new SearchQuery("", Map.of(), SearchQuery.Sort.NEWEST, 1));
    return all.facets().stream().filter(f -> f.facet() == Facet.OWNER).findFirst()
        .map(f -> f.values().stream().limit(n).map(v -> new amicatalog.image.OwnerCount(v.value(), v.count())).toList())
        .orElse(List.of());
  }

  public SearchResult search(SearchQuery query) {
    return search(query, SearchQuery.PAGE_SIZE);
  }

  /** A page of {@code pageSize} results (the JSON API's {@code per}). */
  public SearchResult search(SearchQuery query, int pageSize) {
    return withIndex(idx -> {
      LuceneSearch.Tally tally = tally(idx, query);
      List<Long> ids = new ArrayList<>();
      long skip = (long) (query.page() - 1) * pageSize;
      if (skip > Integer.MAX_VALUE) skip = Integer.MAX_VALUE;
      idx.forEachRow(tally, query.sort(), (int) skip, pageSize, ids::add);
      int newest = query.newest() ? tally.total() : idx.newestAmong(tally);
      return new SearchResult(tally.total(), newest, facetCounts(idx, tally, query), rows(ids));
    });
  }

  /** Every matching row in the query's order, fetched in chunks (for the CSV twin). */
  public void forEachRow(SearchQuery query, java.util.function.Consumer<ImageRow> consumer) {
    withIndex(idx -> {
      List<Long> chunk = new ArrayList<>();
      idx.forEachRow(tally(idx, query), query.sort(), 0, Integer.MAX_VALUE, id -> {
        chunk.add(id);
        if (chunk.size() == 500) {
          rows(chunk).forEach(consumer);
          chunk.clear();
        }
      });
      rows(chunk).forEach(consumer);
      return null;
    });
  }

  private LuceneSearch.Tally tally(LuceneSearch idx, SearchQuery query) {
    SearchQuery key = query.withSort(SearchQuery.Sort.NEWEST);  // page and order do not change the counts
    return tallies.computeIfAbsent(idx, key, () -> idx.tally(TextSearch.of(query.q()), query.filters(), query.newest()));
  }

  /**
   * Each facet's most frequent values (at most {@value #FACET_VALUES}; an owner facet can have
   * thousands), plus every chosen value, even one no image has, so it can be removed.
   */
  private static List<SearchResult.FacetCounts> facetCounts(LuceneSearch idx, LuceneSearch.Tally tally, SearchQuery query) {
    List<SearchResult.FacetCounts> facets = new ArrayList<>();
    for (Facet f : Facet.values()) {
      int[] counts = tally.counts()[f.ordinal()];
      List<String> labels = idx.labels(f);
      Set<String> chosen = query.filters().getOrDefault(f, Set.of());
      List<SearchResult.ValueCount> values = new ArrayList<>();
      for (int code : mostFrequent(counts, FACET_VALUES)) {
        values.add(new SearchResult.ValueCount(labels.get(code), counts[code], chosen.contains(labels.get(code))));
      }
      for (String v : chosen) {
        if (values.stream().noneMatch(vc -> vc.value().equals(v))) {
          int code = idx.code(f, v);
          values.add(new SearchResult.ValueCount(v, code < 0 ? 0 : counts[code], true));
        }
      }
      if (f == Facet.YEAR) values.sort(Comparator.comparing(SearchResult.ValueCount::value).reversed());
      facets.add(new SearchResult.FacetCounts(f, values));
    }
    return facets;
  }

  /**
   * Codes with a count, most frequent first (ties by code), at most {@code limit}. One pass with
   * a min-heap of the best so far: sorting every owner (tens of thousands at 1M images) took ms.
   */
  static int[] mostFrequent(int[] counts, int limit) {
    long[] heap = new long[limit];  // (count, reversed code) keys; the smallest at the root
    int size = 0;
    for (int code = 0; code < counts.length; code++) {
      if (counts[code] == 0) continue;
      long key = ((long) counts[code] << 32) | (Integer.MAX_VALUE - code);
      if (size < limit) {
        int i = size++;
        for (; i > 0 && heap[(i - 1) / 2] > key; i = (i - 1) / 2) heap[i] = heap[(i - 1) / 2];
        heap[i] = key;
      } else if (limit > 0 && key > heap[0]) {
        int i = 0;
        for (int child; (child = 2 * i + 1) < size; i = child) {
          if (child + 1 < size && heap[child + 1] < heap[child]) child++;
          if (heap[child] >= key) break;
          heap[i] = heap[child];
        }
        heap[i] = key;
      }
    }
    java.util.Arrays.sort(heap, 0, size);
    int[] codes = new int[size];
    for (int i = 0; i < size; i++) codes[i] = Integer.MAX_VALUE - (int) heap[size - 1 - i];
    return codes;
  }

  /** Every stored field of a page of results, for the JSON twin. */
  public List<amicatalog.image.StoredImage> stored(List<ImageRow> rows) {
    return db.read(h -> amicatalog.image.StoredImage.byRowIds(h, rows.stream().map(ImageRow::id).toList()));
  }

  private List<ImageRow> rows(List<Long> ids) {
    if (ids.isEmpty()) return List.of();
    Map<Long, ImageRow> byId = db.read(h -> h.createQuery("SELECT " + ImageRow.COLUMNS
            + " FROM images WHERE id " + db.dialect().inNumbers(":ids"))
        .bind("ids", amicatalog.common.Json.write(ids))
        .mapTo(ImageRow.class).stream()
        .collect(Collectors.toMap(ImageRow::id, r -> r)));
    return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
  }
}
