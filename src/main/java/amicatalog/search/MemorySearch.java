package amicatalog.search;

import amicatalog.db.Database;
import amicatalog.image.Facet;
import amicatalog.image.SearchQuery;
import amicatalog.image.TextSearch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/** The in-memory engine's view: a FacetIndex (bit sets per facet value and term), rebuilt in full by each refresh. */
final class MemorySearch implements SearchIndex {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private final FacetIndex index;
  private final Database db;
  private final PerIndexCache<TextSearch, long[]> textMatches = new PerIndexCache<>(64);

  MemorySearch(FacetIndex index, Database db) {
    this.index = index;
    this.db = db;
  }

  /** The engine: nothing to free, nothing on disk. */
  static SearchEngine engine(Database db) {
    return new SearchEngine() {
      private volatile MemorySearch current = new MemorySearch(FacetIndex.EMPTY, db);

      @Override public void refresh() { current = new MemorySearch(FacetIndex.build(db), db); }

      @Override public SearchIndex acquire() { return current; }

      @Override public void release(SearchIndex index) {}

      @Override public long bytesOnDisk() { return 0; }

      @Override public void close() {}
    };
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public List<String> labels(Facet facet) {
    return index.labels.get(facet.ordinal());
  }

  @Override
  public int code(Facet facet, String value) {
    return index.code(facet, value);
  }

  @Override
  public boolean hasAccount(String accountId) {
    return Bits.count(index.text.owner(accountId)) > 0;
  }

  @Override
  public Tally tally(TextSearch text, Map<Facet, Set<String>> filters) {
    boolean[][] selected = new boolean[Facet.values().length][];
    long[][] extra = new long[Facet.values().length][];
    filters.forEach((facet, values) -> {
      boolean[] chosen = new boolean[labels(facet).size()];
      for (String v : values) {
        int code = index.code(facet, v);
        if (code >= 0) chosen[code] = true;
        if (facet == Facet.OWNER && ACCOUNT.matcher(v).matches()) {
          // The account's images the facet lists under their alias too (amazon publishes from many accounts).
          long[] images = index.text.owner(v);
          if (extra[facet.ordinal()] == null) extra[facet.ordinal()] = images;
          else Bits.or(extra[facet.ordinal()], images);
        }
      }
      selected[facet.ordinal()] = chosen;
    });
    return index.tally(candidates(text), selected, extra);
  }

  /** Positions the search text allows, or null when there is no text. Not to be changed. */
  private long[] candidates(TextSearch text) {
    if (text == null) return null;
    return textMatches.computeIfAbsent(this, text, () -> switch (text.kind()) {
      case WORDS -> index.text.match(text.words());
      case OWNER_ID -> index.text.owner(text.value());
      case IMAGE_ID -> positions("SELECT id FROM images WHERE image_id = ?", text.value());
      // No index holds snapshot ids: this reads every image's block devices (under a second at 1M).
      case SNAPSHOT_ID -> positions("SELECT id FROM images WHERE block_device_mappings LIKE '%\"' || ? || '\"%'", text.value());
    });
  }

  private long[] positions(String sql, String value) {
    long[] positions = Bits.none(index.size());
    return db.read(h -> {
      try (var statement = h.getConnection().prepareStatement(sql)) {
        statement.setString(1, value);
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            int p = index.position(rows.getLong(1));
            if (p >= 0) Bits.set(positions, p);
          }
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("id search failed: " + e.getMessage(), e);
      }
      return positions;
    });
  }

  @Override
  public void forEachRow(Tally tally, SearchQuery.Sort sort, int skip, int limit, LongConsumer rowIds) {
    forEachMatch(((FacetIndex.Tally) tally).matches(), sort, p -> rowIds.accept(index.rowIds[p]), skip, limit);
  }

  private void forEachMatch(long[] matches, SearchQuery.Sort sort, IntConsumer action, int skip, int limit) {
    int taken = 0;
    if (sort == SearchQuery.Sort.NEWEST) {  // positions are already newest first
      for (int p = Bits.nth(matches, skip); p >= 0 && taken < limit; p = Bits.next(matches, p + 1), taken++) {
        action.accept(p);
      }
      return;
    }
    int n = index.size(), seen = 0;
    for (int i = 0; i < n && taken < limit; i++) {
      int p = switch (sort) {
        case OLDEST -> n - 1 - i;
        case NAME -> index.byName[i];
        default -> index.byRegion[i];
      };
      if (Bits.get(matches, p) && seen++ >= skip) { action.accept(p); taken++; }
    }
  }
}
