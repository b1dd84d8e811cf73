package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.image.Facet;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.TestApp;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory counts against the same counts asked of SQLite with GROUP BY, over real demo images. */
class FacetIndexTest {
  @TempDir Path dir;

  @Test
  void countsAreWhatSqlCountsWithBitSetsAndWithColumns() {
    try (Database db = Database.open(dir.resolve("c.db"))) {
      TestApp.load(db, List.of(
          new SnapshotImageSource.Snapshot("eu-west-1", "eu-west-1", () -> getClass().getResourceAsStream("/demo/eu-west-1.json.gz")),
          new SnapshotImageSource.Snapshot("ap-southeast-6", "ap-southeast-6",
              () -> getClass().getResourceAsStream("/demo/ap-southeast-6.json.gz"))));
      List<Map<Facet, String>> filters = List.of(
          Map.of(),
          Map.of(Facet.ARCH, "arm64"),
          Map.of(Facet.OWNER, "amazon"),
          Map.of(Facet.ARCH, "arm64", Facet.REGION, "ap-southeast-6"),
          Map.of(Facet.OWNER, "amazon", Facet.YEAR, "2025", Facet.ARCH, "x86_64"),
          Map.of(Facet.PLATFORM, "no such platform"));
      for (int maxBitSetValues : new int[] {256, 0}) {  // 0: every facet is counted from its column
        FacetIndex index = FacetIndex.build(db, maxBitSetValues);
        assertThat(index.size()).isGreaterThan(2000);
        for (Map<Facet, String> filter : filters) {
          FacetIndex.Tally tally = index.tally(null, selected(index, filter), new long[Facet.values().length][]);
          for (Facet f : Facet.values()) {
            Map<String, Integer> counted = new HashMap<>();
            int[] counts = tally.counts()[f.ordinal()];
            for (int code = 0; code < counts.length; code++) {
              if (counts[code] > 0) counted.put(index.labels.get(f.ordinal()).get(code), counts[code]);
            }
            assertThat(counted).as("%s with %s, bit sets up to %d values", f, filter, maxBitSetValues)
                .isEqualTo(sqlCounts(db, f, filter));
          }
          assertThat(tally.total()).isEqualTo(Bits.count(tally.matches()));
        }
      }
    }
  }

  private static boolean[][] selected(FacetIndex index, Map<Facet, String> filter) {
    boolean[][] selected = new boolean[Facet.values().length][];
    filter.forEach((f, value) -> {
      selected[f.ordinal()] = new boolean[index.labels.get(f.ordinal()).size()];
      int code = index.code(f, value);
      if (code >= 0) selected[f.ordinal()][code] = true;
    });
    return selected;
  }

  /** A facet's counts under the other facets' filters, as SQL sees them. */
  private static Map<String, Integer> sqlCounts(Database db, Facet facet, Map<Facet, String> filter) {
    StringBuilder where = new StringBuilder("removed_at IS NULL");
    List<String> values = new java.util.ArrayList<>();
    filter.forEach((f, value) -> {
      if (f != facet) {
        where.append(" AND coalesce(nullif(").append(f.sql()).append(", ''), 'unspecified') = ?");
        values.add(value);
      }
    });
    String sql = "SELECT coalesce(nullif(" + facet.sql() + ", ''), 'unspecified'), count(*) FROM images WHERE " + where + " GROUP BY 1";
    return db.read(h -> {
      var query = h.createQuery(sql);
      for (int i = 0; i < values.size(); i++) query.bind(i, values.get(i));
      Map<String, Integer> counts = new HashMap<>();
      query.map((rs, ctx) -> counts.put(rs.getString(1), rs.getInt(2))).list();
      return counts;
    });
  }
}
