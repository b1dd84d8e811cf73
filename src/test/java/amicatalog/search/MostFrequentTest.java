package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MostFrequentTest {
  @Test
  void theTopValuesByCountThenCodeAsAFullSortGivesThem() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      int[] counts = random.ints(random.nextInt(400), 0, random.nextBoolean() ? 5 : 1000).toArray();
      int limit = random.nextInt(120);
      int[] expected = IntStream.range(0, counts.length).filter(c -> counts[c] > 0).boxed()
          .sorted(Comparator.<Integer>comparingInt(c -> -counts[c]).thenComparingInt(c -> c))
          .limit(limit).mapToInt(Integer::intValue).toArray();
      assertThat(CatalogSearch.mostFrequent(counts, limit)).as("round %d", round).containsExactly(expected);
    }
  }
}
