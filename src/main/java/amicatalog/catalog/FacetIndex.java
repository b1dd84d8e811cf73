package amicatalog.catalog;

import amicatalog.db.Database;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory column store of every live image's facet values and sort ranks, rebuilt after
 * each sync. Counting facets is one pass over int arrays (about 12 M reads at 1 M images), where
 * SQL GROUP BYs took 77 ms median per facet; the rows themselves still come from SQLite.
 */
final class FacetIndex {
  private static final int F = Facet.values().length;
  static final FacetIndex EMPTY = new FacetIndex(new long[0], new int[0], new int[0], emptyLabels(),
      new int[0], new int[0]);

  final long[] rowIds;                  // position -> images.id; positions are newest first
  final int[] codes;                    // position * F + facet -> value code
  final int[] positionOfRow;            // images.id -> position, or -1 (tombstone, unknown)
  final List<List<String>> labels;      // facet -> code -> value
  final int[] byName;                   // positions in name order
  final int[] byRegion;                 // positions in region, name order
  private final List<Map<String, Integer>> codeOf = new ArrayList<>();

  private FacetIndex(long[] rowIds, int[] codes, int[] positionOfRow, List<List<String>> labels,
      int[] byName, int[] byRegion) {
    this.rowIds = rowIds;
    this.codes = codes;
    this.positionOfRow = positionOfRow;
    this.labels = labels;
    this.byName = byName;
    this.byRegion = byRegion;
    for (List<String> values : labels) {
      Map<String, Integer> map = new HashMap<>();
      for (int i = 0; i < values.size(); i++) map.put(values.get(i), i);
      codeOf.add(map);
    }
  }

  int size() {
    return rowIds.length;
  }

  /** The code of a facet value, or -1 when no live image has it. */
  int code(Facet facet, String value) {
    return codeOf.get(facet.ordinal()).getOrDefault(value, -1);
  }

  /** The position of an images.id, or -1 when it is not a live image. */
  int position(long rowId) {
    return rowId >= 0 && rowId < positionOfRow.length ? positionOfRow[(int) rowId] : -1;
  }

  static FacetIndex build(Database db) {
    StringBuilder columns = new StringBuilder("id");
    for (Facet f : Facet.values()) columns.append(", ").append(f.sql());
    // Facet expressions are constants of the Facet enum, never user input. The table is read in
    // rowid order (sequentially: following an index would cost a random read per image) and
    // put in newest-first order here; name and region orders come from covering index scans.
    String sql = "SELECT " + columns + ", creation_date FROM images WHERE removed_at IS NULL";
    // One read transaction: the three queries see the same snapshot while a sync writes.
    return db.read(handle -> handle.inTransaction(h -> {
      List<List<String>> labels = emptyLabels();
      List<Map<String, Integer>> dictionaries = new ArrayList<>();
      for (int f = 0; f < F; f++) dictionaries.add(new HashMap<>());
      long[] rowIds = new long[1024];
      long[] created = new long[1024];
      int[] codes = new int[1024 * F];
      int n = 0;
      long maxRow = 0;
      try (var statement = h.getConnection().prepareStatement(sql); var rs = statement.executeQuery()) {
        while (rs.next()) {
          if (n == rowIds.length) {
            rowIds = Arrays.copyOf(rowIds, n * 2);
            created = Arrays.copyOf(created, n * 2);
            codes = Arrays.copyOf(codes, n * 2 * F);
          }
          rowIds[n] = rs.getLong(1);
          maxRow = Math.max(maxRow, rowIds[n]);
          for (int f = 0; f < F; f++) {
            String value = rs.getString(2 + f);
            if (value == null || value.isEmpty()) value = Facet.NONE;
            List<String> values = labels.get(f);
            codes[n * F + f] = dictionaries.get(f).computeIfAbsent(value, v -> {
              values.add(v);
              return values.size() - 1;
            });
          }
          created[n] = epochSeconds(rs.getString(2 + F));
          n++;
        }
        // Newest first, ties by rowid descending: sort (seconds, read order) packed in longs,
        // 24 bits of which hold the read order.
        if (n >= 1 << 24) throw new IllegalStateException("the facet index holds at most 16,777,215 images");
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = (created[i] << 24) | i;
        Arrays.sort(keys);
        long[] sortedRows = new long[n];
        int[] sortedCodes = new int[n * F];
        for (int p = 0; p < n; p++) {
          int i = (int) (keys[n - 1 - p] & 0xFFFFFF);
          sortedRows[p] = rowIds[i];
          System.arraycopy(codes, i * F, sortedCodes, p * F, F);
        }
        int[] positionOfRow = new int[(int) maxRow + 1];
        Arrays.fill(positionOfRow, -1);
        for (int p = 0; p < n; p++) positionOfRow[(int) sortedRows[p]] = p;
        int[] byName = order(h, "images_name", "ORDER BY name, id", positionOfRow, n);
        int[] byRegion = order(h, "images_region_name", "ORDER BY region, name, id", positionOfRow, n);
        return new FacetIndex(sortedRows, sortedCodes, positionOfRow, labels, byName, byRegion);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot build the facet index: " + e.getMessage(), e);
      }
    }));
  }

  /**
   * Positions of the live images in an index's order. Only the index is read (it holds the
   * rowid); tombstones, which have no position, are skipped here rather than looked up.
   */
  private static int[] order(org.jdbi.v3.core.Handle h, String index, String orderBy, int[] positionOfRow, int n)
      throws java.sql.SQLException {
    int[] order = new int[n];
    int i = 0;
    try (var statement = h.getConnection().prepareStatement("SELECT id FROM images INDEXED BY " + index + " " + orderBy);
         var rs = statement.executeQuery()) {
      while (rs.next() && i < n) {
        long row = rs.getLong(1);
        int p = row < positionOfRow.length ? positionOfRow[(int) row] : -1;
        if (p >= 0) order[i++] = p;
      }
    }
    return order;
  }

  /** Seconds since 1970 of an ISO time such as 2024-05-01T12:00:00.000Z; 0 when missing or odd. */
  private static long epochSeconds(String iso) {
    if (iso == null) return 0;
    try {
      return Math.max(0, java.time.Instant.parse(iso).getEpochSecond());
    } catch (java.time.format.DateTimeParseException e) {
      return 0;
    }
  }

  /**
   * Counts and matches in one pass. An image that passes every facet filter matches and counts
   * for every facet; one that fails exactly one facet's filter counts for that facet only, so each
   * facet shows what choosing another of its values would add (several values per facet are ORed).
   *
   * @param candidates positions allowed by the text query, or null for all
   * @param selected   per facet, the chosen codes (null when the facet is not filtered)
   */
  Tally tally(BitSet candidates, boolean[][] selected) {
    return tally(candidates, selected, size() < PARALLEL_FROM ? 1 : Runtime.getRuntime().availableProcessors());
  }

  /** A big catalog is counted in slices, one per core, and the slices' tallies added up. */
  Tally tally(BitSet candidates, boolean[][] selected, int parts) {
    int n = size();
    return java.util.stream.IntStream.range(0, parts).parallel()
        .mapToObj(i -> tally(candidates, selected, (int) ((long) n * i / parts), (int) ((long) n * (i + 1) / parts)))
        .reduce(FacetIndex::add).orElseThrow();
  }

  private static final int PARALLEL_FROM = 200_000;

  private Tally tally(BitSet candidates, boolean[][] selected, int from, int to) {
    int[][] counts = new int[F][];
    for (int f = 0; f < F; f++) counts[f] = new int[labels.get(f).size()];
    int[] active = java.util.stream.IntStream.range(0, F).filter(f -> selected[f] != null).toArray();
    BitSet matches = new BitSet(to);
    int total = 0;
    for (int p = candidates == null ? from : candidates.nextSetBit(from); p >= 0 && p < to;
         p = candidates == null ? p + 1 : candidates.nextSetBit(p + 1)) {
      int base = p * F, failed = -1, failures = 0;
      for (int f : active) {
        if (!selected[f][codes[base + f]]) {
          failed = f;
          if (++failures > 1) break;
        }
      }
      if (failures == 0) {
        matches.set(p);
        total++;
        for (int f = 0; f < F; f++) counts[f][codes[base + f]]++;
      } else if (failures == 1) {
        counts[failed][codes[base + failed]]++;
      }
    }
    return new Tally(total, matches, counts);
  }

  private static Tally add(Tally a, Tally b) {
    a.matches().or(b.matches());
    for (int f = 0; f < F; f++) {
      for (int code = 0; code < a.counts()[f].length; code++) a.counts()[f][code] += b.counts()[f][code];
    }
    return new Tally(a.total() + b.total(), a.matches(), a.counts());
  }

  record Tally(int total, BitSet matches, int[][] counts) {}

  private static List<List<String>> emptyLabels() {
    List<List<String>> labels = new ArrayList<>();
    for (int f = 0; f < F; f++) labels.add(new ArrayList<>());
    return labels;
  }
}
