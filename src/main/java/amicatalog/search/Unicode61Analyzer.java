package amicatalog.search;

import amicatalog.image.Terms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits text into the terms SQLite's unicode61 tokenizer makes of it, by the very code the search
 * box's words are split with ({@link Terms}): Lucene's own tokenizers and ASCII
 * folding split and fold otherwise (they fold Greek and Cyrillic accents too, unicode61 does not).
 * A group separator (U+001D) between two of an image's columns leaves a gap of {@value #GAP}
 * positions, so that no quoted phrase matches across them.
 */
final class Unicode61Analyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    return new TokenStreamComponents(new TermsTokenizer());
  }

  static final char COLUMN_BREAK = '\u001d';
  private static final int GAP = 100;

  private static final class TermsTokenizer extends Tokenizer {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final List<String> terms = new ArrayList<>();
    /** Where each column's terms start in {@link #terms}, but the first's. */
    private final java.util.Set<Integer> columnStarts = new java.util.HashSet<>();
    private boolean read;
    private int next;

    @Override
    public boolean incrementToken() throws IOException {
      if (!read) {
        for (String column : readAll().split(String.valueOf(COLUMN_BREAK), -1)) {
          if (!terms.isEmpty()) columnStarts.add(terms.size());
          Terms.tokenize(column, terms::add);
        }
        read = true;
      }
      if (next == terms.size()) return false;
      clearAttributes();
      if (columnStarts.contains(next)) position.setPositionIncrement(GAP);
      String t = terms.get(next++);
      // Lucene refuses a term over 32,766 bytes, and with it the whole document: a word that long
      // (an import may hold anything) is indexed by its first thousand characters.
      term.setEmpty().append(t, 0, Math.min(t.length(), LuceneDocuments.MOST_CHARS));
      return true;
    }

    private String readAll() throws IOException {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[1024];
      for (int n; (n = input.read(buffer)) > 0; ) text.append(buffer, 0, n);
      return text.toString();
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      terms.clear();
      columnStarts.clear();
      read = false;
      next = 0;
    }
  }
}
