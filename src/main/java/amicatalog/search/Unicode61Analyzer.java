package amicatalog.search;

import amicatalog.image.Terms;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Splits text into the terms SQLite's unicode61 tokenizer makes of it, by the very code the search
 * box's words are split with ({@link Terms}): Lucene's own tokenizers and ASCII
 * folding split and fold otherwise (they fold Greek and Cyrillic accents too, unicode61 does not).
 */
final class Unicode61Analyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    return new TokenStreamComponents(new TermsTokenizer());
  }

  private static final class TermsTokenizer extends Tokenizer {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private List<String> terms;
    private int next;

    @Override
    public boolean incrementToken() throws IOException {
      if (terms == null) terms = Terms.tokens(readAll());
      if (next == terms.size()) return false;
      clearAttributes();
      term.setEmpty().append(terms.get(next++));
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
      terms = null;
      next = 0;
    }
  }
}
