package amicatalog.search;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents of a tally already counted (one bit set per segment of the same reader), as a
 * query: Lucene then sorts and pages them without matching the text and filters a second time.
 */
final class MatchesQuery extends Query {
  private final FixedBitSet[] matches;

  MatchesQuery(FixedBitSet[] matches) {
    this.matches = matches;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext leaf) {
        FixedBitSet bits = matches[leaf.ord];
        return new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(bits, bits.cardinality()));
      }

      @Override
      public boolean isCacheable(LeafReaderContext leaf) {
        return false;
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "MatchesQuery";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && matches == ((MatchesQuery) other).matches;
  }

  @Override
  public int hashCode() {
    return 31 * classHash() + System.identityHashCode(matches);
  }
}
