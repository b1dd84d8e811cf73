package amicatalog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.indexer.SnapshotImageSource;
import amicatalog.testing.TestApp;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacetIndexTest {
  @TempDir Path dir;

  @Test
  void countingInSlicesGivesTheSameAnswerAsOnePass() {
    try (Database db = Database.open(dir.resolve("c.db"))) {
      TestApp.load(db, List.of(new SnapshotImageSource.Snapshot("eu-west-1", "eu-west-1",
          () -> getClass().getResourceAsStream("/demo/eu-west-1.json.gz"))));
      FacetIndex index = FacetIndex.build(db);
      assertThat(index.size()).isGreaterThan(1000);
      boolean[][] none = new boolean[Facet.values().length][];
      boolean[][] arm = new boolean[Facet.values().length][];
      arm[Facet.ARCH.ordinal()] = new boolean[index.labels.get(Facet.ARCH.ordinal()).size()];
      arm[Facet.ARCH.ordinal()][index.code(Facet.ARCH, "arm64")] = true;
      BitSet everyThird = new BitSet();
      for (int p = 0; p < index.size(); p += 3) everyThird.set(p);
      for (boolean[][] selected : List.of(none, arm)) {
        for (BitSet candidates : java.util.Arrays.asList(null, everyThird)) {
          FacetIndex.Tally one = index.tally(candidates, selected, 1);
          FacetIndex.Tally sliced = index.tally(candidates, selected, 3);
          assertThat(sliced.total()).isEqualTo(one.total());
          assertThat(sliced.matches()).isEqualTo(one.matches());
          assertThat(sliced.counts()).isDeepEqualTo(one.counts());
        }
      }
      assertThat(index.tally(null, arm, 1).total()).isLessThan(index.size()).isPositive();
    }
  }
}
