package amicatalog.search;

import amicatalog.db.Database;
import amicatalog.image.Facet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every live image's facet values, sort ranks and search terms in memory, rebuilt after each
 * sync; the rows themselves still come from SQLite. Images are numbered by position, newest
 * first. A facet value is the bit set of the positions that hold it, so a count is the size of
 * an intersection (a few thousand words at 1M images) where SQL GROUP BYs took 77 ms median per
 * facet. A facet with very many values (owners) keeps a column of codes instead.
 */
final class FacetIndex {
  private static final int F = Facet.values().length;
  /** More values than this and a bit set per value costs more than a column of codes. */
  private static final int MAX_BIT_SET_VALUES = 256;
  static final FacetIndex EMPTY = new FacetIndex(new long[0], new int[0], emptyLabels(), new int[0], new int[0],
      new int[0], TextIndex.EMPTY, MAX_BIT_SET_VALUES);

  final long[] rowIds;                  // position -> images.id
  final int[] positionOfRow;            // images.id -> position, or -1 (tombstone, unknown)
  final List<List<String>> labels;      // facet -> code -> value
  final int[] byName;                   // positions in name order
  final int[] byRegion;                 // positions in region, name order
  final TextIndex text;
  private final long[][][] valueBits;   // facet -> code -> the positions holding it; null for a column facet
  private final int[][] columns;        // facet -> position -> code; only for a column facet
  private final List<Map<String, Integer>> codeOf = new ArrayList<>();
  private final Tally everything;       // the unfiltered counts, which the first page shows

  private FacetIndex(long[] rowIds, int[] positionOfRow, List<List<String>> labels, int[] byName, int[] byRegion,
      int[] codes, TextIndex text, int maxBitSetValues) {
    this.rowIds = rowIds;
    this.positionOfRow = positionOfRow;
    this.labels = labels;
    this.byName = byName;
    this.byRegion = byRegion;
    this.text = text;
    for (List<String> values : labels) {
      Map<String, Integer> map = new HashMap<>();
      for (int i = 0; i < values.size(); i++) map.put(values.get(i), i);
      codeOf.add(map);
    }
    int n = rowIds.length;
    valueBits = new long[F][][];
    columns = new int[F][];
    for (int f = 0; f < F; f++) {
      int values = labels.get(f).size();
      if (values <= maxBitSetValues) {
        valueBits[f] = new long[values][];
        for (int code = 0; code < values; code++) valueBits[f][code] = Bits.none(n);
        for (int p = 0; p < n; p++) Bits.set(valueBits[f][codes[p * F + f]], p);
      } else {
        columns[f] = new int[n];
        for (int p = 0; p < n; p++) columns[f][p] = codes[p * F + f];
      }
    }
    everything = count(null, new boolean[F][], new long[F][]);
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
    return build(db, MAX_BIT_SET_VALUES);
  }

  /** @param maxBitSetValues facets with more values are counted from a column (tests try both ways) */
  static FacetIndex build(Database db, int maxBitSetValues) {
    // Each row's facet values, creation date and account id come as one string and its words as
    // another: a JDBC column read costs about a microsecond, 19 of them per image cost seconds.
    // Facet expressions are constants of the Facet enum, never user input; AWS puts no control
    // characters in these values, so a unit separator divides them. The table is read in rowid
    // order (sequentially: following an index would cost a random read per image) and put in
    // newest-first order here; name and region orders come from covering index scans.
    StringBuilder values = new StringBuilder();
    for (Facet f : Facet.values()) values.append("coalesce(nullif(").append(f.sql()).append(", ''), '").append(Facet.NONE).append("'), ");
    String sql = "SELECT id, concat_ws(char(31), " + values + "coalesce(creation_date, ''), coalesce(owner_id, '')),"
        + " concat_ws(' ', name, description, owner_alias, tags_text) FROM images WHERE removed_at IS NULL";
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
      try (TextIndex.Feed words = new TextIndex.Feed();
           var statement = h.getConnection().prepareStatement(sql); var rs = statement.executeQuery()) {
        while (rs.next()) {
          if (n == rowIds.length) {
            rowIds = Arrays.copyOf(rowIds, n * 2);
            created = Arrays.copyOf(created, n * 2);
            codes = Arrays.copyOf(codes, n * 2 * F);
          }
          rowIds[n] = rs.getLong(1);
          maxRow = Math.max(maxRow, rowIds[n]);
          String row = rs.getString(2);
          int start = 0;
          for (int f = 0; f <= F + 1; f++) {
            int end = row.indexOf(31, start);
            String value = row.substring(start, end < 0 ? row.length() : end);
            start = end + 1;
            if (f == F) {
              created[n] = epochMillis(value);
            } else if (f == F + 1) {
              words.add(value, rs.getString(3));
            } else {
              List<String> known = labels.get(f);
              codes[n * F + f] = dictionaries.get(f).computeIfAbsent(value, v -> {
                known.add(v);
                return known.size() - 1;
              });
            }
          }
          n++;
        }
        sortByValue(labels, codes, n);
        // Newest first, ties by rowid descending: sort (milliseconds, read order) packed in longs,
        // the read order in the low bits. Times are stored in UTC, so this is the order of the instants.
        if (n >= 1 << 24) throw new IllegalStateException("the facet index holds at most 16,777,215 images");
        int orderBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n));
        int shift = timeShift(created, n, 63 - orderBits);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = ((created[i] >>> shift) << orderBits) | i;
        Arrays.sort(keys);
        long orderMask = (1L << orderBits) - 1;
        int[] readIndexAt = new int[n];
        long[] sortedRows = new long[n];
        int[] sortedCodes = new int[n * F];
        for (int p = 0; p < n; p++) {
          int i = (int) (keys[n - 1 - p] & orderMask);
          readIndexAt[p] = i;
          sortedRows[p] = rowIds[i];
          System.arraycopy(codes, i * F, sortedCodes, p * F, F);
        }
        int[] positionOfRow = new int[(int) maxRow + 1];
        Arrays.fill(positionOfRow, -1);
        for (int p = 0; p < n; p++) positionOfRow[(int) sortedRows[p]] = p;
        int[] byName = order(h, "ORDER BY name, id", positionOfRow, n);
        int[] byRegion = order(h, "ORDER BY region, name, id", positionOfRow, n);
        return new FacetIndex(sortedRows, positionOfRow, labels, byName, byRegion, sortedCodes, words.finish().build(readIndexAt),
            maxBitSetValues);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot build the facet index: " + e.getMessage(), e);
      }
    }));
  }

  /**
   * Renumbers each facet's values in their UTF-8 byte order (the order Lucene keeps them in), so
   * that values with equal counts are listed alike whichever engine counts them.
   */
  private static void sortByValue(List<List<String>> labels, int[] codes, int n) {
    for (int f = 0; f < F; f++) {
      List<String> values = labels.get(f);
      Integer[] order = new Integer[values.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      byte[][] bytes = values.stream().map(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toArray(byte[][]::new);
      Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(bytes[a], bytes[b]));
      int[] newCode = new int[order.length];
      List<String> sorted = new ArrayList<>(order.length);
      for (int i = 0; i < order.length; i++) {
        newCode[order[i]] = i;
        sorted.add(values.get(order[i]));
      }
      labels.set(f, sorted);
      for (int p = 0; p < n; p++) codes[p * F + f] = newCode[codes[p * F + f]];
    }
  }

  /**
   * Positions of the live images in an order. SQLite reads it from the covering index
   * (images_name, images_region_name: they hold the rowid); tombstones, which have no position,
   * are skipped here rather than looked up. No INDEXED BY: a cold load drops the indexes until it
   * ends, and a refresh during it must still work, sorting instead.
   */
  private static int[] order(org.jdbi.v3.core.Handle h, String orderBy, int[] positionOfRow, int n)
      throws java.sql.SQLException {
    int[] order = new int[n];
    int i = 0;
    try (var statement = h.getConnection().prepareStatement("SELECT id FROM images " + orderBy);
         var rs = statement.executeQuery()) {
      while (rs.next() && i < n) {
        long row = rs.getLong(1);
        int p = row < positionOfRow.length ? positionOfRow[(int) row] : -1;
        if (p >= 0) order[i++] = p;
      }
    }
    return order;
  }

  /**
   * How far to shift the times right so that they fit in {@code bits} bits beside the read order:
   * 0 (millisecond order) for any catalog of up to a million images created within 278 years.
   */
  private static int timeShift(long[] created, int n, int bits) {
    long max = 0;
    for (int i = 0; i < n; i++) max = Math.max(max, created[i]);
    int shift = 0;
    while ((max >>> shift) >= 1L << bits) shift++;
    return shift;
  }

  /**
   * Milliseconds since 1970 of a stored time (UTC, AWS's shape: 2024-05-01T12:00:00.123Z, see
   * Dates.utc); 0 when missing or odd. Read by hand: Instant.parse took a second or two per
   * million images.
   */
  static long epochMillis(String iso) {
    try {
      if (iso.length() >= 19 && iso.charAt(4) == '-' && iso.charAt(7) == '-' && iso.charAt(10) == 'T'
          && iso.charAt(13) == ':' && iso.charAt(16) == ':') {
        long day = java.time.LocalDate.of(digits(iso, 0, 4), digits(iso, 5, 7), digits(iso, 8, 10)).toEpochDay();
        long seconds = day * 86_400 + digits(iso, 11, 13) * 3_600L + digits(iso, 14, 16) * 60L + digits(iso, 17, 19);
        int millis = iso.length() >= 23 && iso.charAt(19) == '.' ? digits(iso, 20, 23) : 0;
        return Math.max(0, seconds * 1000 + millis);
      }
      return Math.max(0, java.time.Instant.parse(iso).toEpochMilli());
    } catch (java.time.DateTimeException | NumberFormatException e) {
      return 0;
    }
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') throw new NumberFormatException(s);
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * The matches and each facet's counts. An image that passes every facet filter matches and
   * counts for every facet; for a filtered facet the counts ignore that facet's own filter, so
   * each facet shows what choosing another of its values would add (values of one facet are ORed).
   *
   * @param candidates positions allowed by the text query, or null for all; not changed
   * @param selected   per facet, the chosen codes (null when the facet is not filtered)
   * @param extra      per facet, positions a chosen value stands for besides its codes (an owner's
   *                   account id whose images the facet lists under their alias), or null
   */
  Tally tally(long[] candidates, boolean[][] selected, long[][] extra) {
    boolean filtered = candidates != null;
    for (boolean[] chosen : selected) filtered |= chosen != null;
    return filtered ? count(candidates, selected, extra) : everything;
  }

  private Tally count(long[] candidates, boolean[][] selected, long[][] extra) {
    long[] base = candidates != null ? candidates : Bits.all(size());
    long[][] selection = new long[F][];
    for (int f = 0; f < F; f++) {
      if (selected[f] == null) continue;
      selection[f] = selection(f, selected[f]);
      if (extra[f] != null) Bits.or(selection[f], extra[f]);
    }
    long[] matches = base.clone();
    for (long[] s : selection) if (s != null) Bits.and(matches, s);
    int[][] counts = new int[F][];
    int filteredFacets = 0;
    for (long[] sel : selection) if (sel != null) filteredFacets++;
    for (int f = 0; f < F; f++) {
      long[] within = matches;
      if (selection[f] != null) {  // this facet's own filter aside
        if (candidates == null && filteredFacets == 1 && everything != null) {
          // Nothing else narrows it: the unfiltered counts (owner=amazon needs no pass over 1M owners).
          counts[f] = everything.counts()[f];
          continue;
        }
        within = base.clone();
        for (int g = 0; g < F; g++) if (g != f && selection[g] != null) Bits.and(within, selection[g]);
      }
      counts[f] = counts(f, within);
    }
    return new Tally(Bits.count(matches), matches, counts);
  }

  private long[] selection(int f, boolean[] chosen) {
    long[] bits = Bits.none(size());
    if (valueBits[f] != null) {
      for (int code = 0; code < chosen.length; code++) if (chosen[code]) Bits.or(bits, valueBits[f][code]);
    } else {
      int[] column = columns[f];
      for (int p = 0; p < column.length; p++) if (chosen[column[p]]) Bits.set(bits, p);
    }
    return bits;
  }

  private int[] counts(int f, long[] within) {
    int[] counts = new int[labels.get(f).size()];
    if (valueBits[f] != null) {
      for (int code = 0; code < counts.length; code++) counts[code] = Bits.countBoth(valueBits[f][code], within);
    } else {
      Bits.tally(within, columns[f], counts);
    }
    return counts;
  }

  /** @param matches the positions that match, newest first; neither it nor counts may be changed (tallies share them) */
  record Tally(int total, long[] matches, int[][] counts) implements SearchIndex.Tally {}

  private static List<List<String>> emptyLabels() {
    List<List<String>> labels = new ArrayList<>();
    for (int f = 0; f < F; f++) labels.add(new ArrayList<>());
    return labels;
  }
}
