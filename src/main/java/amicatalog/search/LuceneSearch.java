package amicatalog.search;

import static amicatalog.search.LuceneDocuments.ACCOUNT;
import static amicatalog.search.LuceneDocuments.CREATED;
import static amicatalog.search.LuceneDocuments.ID;
import static amicatalog.search.LuceneDocuments.NAME;
import static amicatalog.search.LuceneDocuments.ROW;
import static amicatalog.search.LuceneDocuments.TEXT;

import amicatalog.image.Facet;
import amicatalog.image.SearchQuery;
import amicatalog.image.TextSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IntroSorter;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;

/**
 * The Lucene engine's view: one point-in-time reader of the index. Text and ids are matched by
 * Lucene queries; facet counts are our own pass over the facets' doc values (one per image per
 * facet), with drill-sideways counts: an image that fails exactly one facet's filter counts for
 * that facet only. Facet values are numbered across segments by an ordinal map (sorted values).
 */
final class LuceneSearch extends IndexSearcher {
  private static final Facet[] FACETS = Facet.values();
  private static final int F = FACETS.length;

  private final List<LeafReaderContext> leaves;
  private final OrdinalMap[] ordinals = new OrdinalMap[F];
  private final List<List<String>> labels = new ArrayList<>();
  private final List<Map<String, Integer>> liveCodes = new ArrayList<>();
  /**
   * Each document's facet value codes (code + 1; 0 for none), by facet, indexed by docBase + doc:
   * read from the doc values once per searcher, so that a count is array reads, not a doc-values
   * seek per document and facet (at 1M images a broad query's counts took 100+ ms that way). Two
   * bytes a facet and document (four for a facet of more than 65,534 values): 26 MB at 1M.
   */
  private final char[][] smallCodes = new char[F][];
  private final int[][] largeCodes = new int[F][];
  /**
   * A facet of several values a document ({@link Facet#multiValued()}, the accounts that see an
   * image): its codes from {@code multiStart[f][doc]} to {@code multiStart[f][doc + 1]} in
   * {@code multiCodes[f]}, by global document.
   */
  private final int[][] multiStart = new int[F][];
  private final int[][] multiCodes = new int[F][];
  /** Each document's images.id, by global document. */
  private final int[] rowIds;
  private final java.util.concurrent.atomic.AtomicReferenceArray<int[]> orders =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(SearchQuery.Sort.values().length);
  private final Tally everything;
  private final PerIndexCache<TextSearch, FixedBitSet[]> textMatches = new PerIndexCache<>(64);
  /**
   * The images that are the newest of their family ({@link NewestOfFamily}), by segment (a base to
   * count from, as a text's matches are) and by global document (to count how many of a search's
   * matches are). Made with each view from its documents, so a newer version indexed by a refresh
   * takes its older ones out without indexing them again.
   */
  private final FixedBitSet[] newestByLeaf;
  private final FixedBitSet newest;

  LuceneSearch(IndexReader reader) throws IOException {
    super(reader);
    setQueryCache(null);  // every query here is new or cached by CatalogSearch
    leaves = reader.leaves();
    for (Facet f : FACETS) {
      if (f.multiValued()) {
        SortedSetDocValues[] values = setValues(LuceneDocuments.facetField(f));
        ordinals[f.ordinal()] = OrdinalMap.build(null, values, PackedInts.DEFAULT);
        labels.add(labels(ordinals[f.ordinal()], values));
        readMultiCodes(f.ordinal(), reader.maxDoc());
        continue;
      }
      SortedDocValues[] values = values(LuceneDocuments.facetField(f));
      ordinals[f.ordinal()] = OrdinalMap.build(null, values, PackedInts.DEFAULT);
      labels.add(labels(ordinals[f.ordinal()], values));
      readCodes(f.ordinal(), reader.maxDoc());
    }
    rowIds = java.util.Arrays.stream(longs(ROW)).mapToInt(Math::toIntExact).toArray();
    newestByLeaf = NewestOfFamily.of(leaves);
    newest = new FixedBitSet(Math.max(1, reader.maxDoc()));
    for (LeafReaderContext leaf : leaves) {
      FixedBitSet in = newestByLeaf[leaf.ord];
      for (int doc = in.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = doc + 1 < in.length() ? in.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
        newest.set(leaf.docBase + doc);
      }
    }
    everything = count(null, new Filter[F]);
    for (Facet f : FACETS) {
      Map<String, Integer> codes = new HashMap<>();
      int[] counts = everything.counts()[f.ordinal()];
      for (int code = 0; code < counts.length; code++) if (counts[code] > 0) codes.put(labels.get(f.ordinal()).get(code), code);
      liveCodes.add(codes);
    }
  }

  private void readCodes(int f, int maxDoc) throws IOException {
    boolean small = ordinals[f].getValueCount() < Character.MAX_VALUE;
    char[] chars = small ? new char[maxDoc] : null;
    int[] ints = small ? null : new int[maxDoc];
    for (LeafReaderContext leaf : leaves) {
      SortedDocValues values = DocValues.getSorted(leaf.reader(), LuceneDocuments.facetField(FACETS[f]));
      LongValues toCode = ordinals[f].getGlobalOrds(leaf.ord);
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        int code = (int) toCode.get(values.ordValue()) + 1;
        if (small) chars[leaf.docBase + doc] = (char) code;
        else ints[leaf.docBase + doc] = code;
      }
    }
    smallCodes[f] = chars;
    largeCodes[f] = ints;
  }

  private void readMultiCodes(int f, int maxDoc) throws IOException {
    int[] start = new int[maxDoc + 1];
    int[] codes = new int[16];
    int n = 0;
    int next = 0;  // the next document whose start is to be set
    for (LeafReaderContext leaf : leaves) {
      SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), LuceneDocuments.facetField(FACETS[f]));
      LongValues toCode = ordinals[f].getGlobalOrds(leaf.ord);
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        int global = leaf.docBase + doc;
        while (next <= global) start[next++] = n;
        for (int i = 0, count = values.docValueCount(); i < count; i++) {
          if (n == codes.length) codes = java.util.Arrays.copyOf(codes, n * 2);
          codes[n++] = (int) toCode.get(values.nextOrd());
        }
      }
    }
    while (next <= maxDoc) start[next++] = n;
    multiStart[f] = start;
    multiCodes[f] = codes;
  }

  /** Adds {@code delta} to the counts of the document's values of the facet (none, one, or several). */
  private void add(int[][] counts, int f, int globalDoc, int delta) {
    int[] start = multiStart[f];
    if (start != null) {
      for (int i = start[globalDoc]; i < start[globalDoc + 1]; i++) counts[f][multiCodes[f][i]] += delta;
      return;
    }
    int c = code(f, globalDoc);
    if (c >= 0) counts[f][c] += delta;
  }

  private SortedSetDocValues[] setValues(String field) throws IOException {
    SortedSetDocValues[] values = new SortedSetDocValues[leaves.size()];
    for (LeafReaderContext leaf : leaves) values[leaf.ord] = DocValues.getSortedSet(leaf.reader(), field);
    return values;
  }

  private static List<String> labels(OrdinalMap map, SortedSetDocValues[] values) throws IOException {
    List<String> labels = new ArrayList<>((int) map.getValueCount());
    for (long code = 0; code < map.getValueCount(); code++) {
      labels.add(values[map.getFirstSegmentNumber(code)].lookupOrd(map.getFirstSegmentOrd(code)).utf8ToString());
    }
    return labels;
  }

  /** The document's code for the facet, or -1 when it has no value. */
  private int code(int f, int globalDoc) {
    char[] chars = smallCodes[f];
    return (chars != null ? chars[globalDoc] : largeCodes[f][globalDoc]) - 1;
  }

  private SortedDocValues[] values(String field) throws IOException {
    SortedDocValues[] values = new SortedDocValues[leaves.size()];
    for (LeafReaderContext leaf : leaves) values[leaf.ord] = DocValues.getSorted(leaf.reader(), field);
    return values;
  }

  private static List<String> labels(OrdinalMap map, SortedDocValues[] values) throws IOException {
    List<String> labels = new ArrayList<>((int) map.getValueCount());
    for (long code = 0; code < map.getValueCount(); code++) {
      labels.add(values[map.getFirstSegmentNumber(code)].lookupOrd((int) map.getFirstSegmentOrd(code)).utf8ToString());
    }
    return labels;
  }

  /** How many live images the view holds. */
  public int size() {
    return getIndexReader().numDocs();
  }

  /** Each facet's values by code (in the values' UTF-8 byte order); a code may stand for a value no live image has any more (it counts 0). */
  public List<String> labels(Facet facet) {
    return labels.get(facet.ordinal());
  }

  /** The code of a facet value, or -1 when no live image has it. */
  public int code(Facet facet, String value) {
    return liveCodes.get(facet.ordinal()).getOrDefault(value, -1);
  }

  /** Whether some live image belongs to this account id (the owner facet lists aliased accounts by alias). */
  public boolean hasAccount(String accountId) {
    try {
      return count(new TermQuery(new Term(ACCOUNT, accountId))) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The matches and each facet's counts by code. */
  /** The matches are by global document (docBase + doc). */
  record Tally(int total, int[][] counts, FixedBitSet matches) {}

  /**
   * The images matching the text (null: every image) and the filters (values of a facet ORed,
   * facets ANDed; an account id chosen as owner also stands for that account's images), only the
   * newest of each family when {@code newestOnly}, and each facet's counts by code, leaving out
   * that facet's own filter. Neither may be changed: tallies are cached and shared.
   */
  public Tally tally(TextSearch text, Map<Facet, Set<String>> filters, boolean newestOnly) {
    try {
      FixedBitSet[] base = text == null ? null : textMatches.computeIfAbsent(this, text, () -> matches(query(text)));
      Filter[] selected = new Filter[F];
      filters.forEach((f, values) -> selected[f.ordinal()] = filter(f, values));
      boolean faceted = false;
      for (Filter s : selected) faceted |= s != null;
      if (newestOnly) return count(base == null ? newestByLeaf : and(base, newestByLeaf), selected);
      if (base == null && !faceted) return everything;
      if (!faceted) return countByText(base);
      return count(base, selected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many of a tally's matches are the newest of their family: what "newest of each family" would leave. */
  public int newestAmong(Tally tally) {
    return (int) FixedBitSet.intersectionCount(tally.matches(), newest);
  }

  /** Both per-segment sets at once, in new sets (the cached text matches stay as they are). */
  private static FixedBitSet[] and(FixedBitSet[] a, FixedBitSet[] b) {
    FixedBitSet[] both = new FixedBitSet[a.length];
    for (int i = 0; i < a.length; i++) {
      both[i] = a[i].clone();
      both[i].and(b[i]);
    }
    return both;
  }

  private static Query query(TextSearch text) {
    return switch (text.kind()) {
      case OWNER_ID -> new TermQuery(new Term(ACCOUNT, text.value()));
      case IMAGE_ID, SNAPSHOT_ID -> new TermQuery(new Term(ID, text.value()));
      case WORDS -> {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean included = false;
        for (TextSearch.Clause clause : text.clauses()) {
          Query q = clause.anyOf().size() == 1 ? query(clause.anyOf().get(0)) : anyOf(clause.anyOf());
          all.add(q, clause.excluded() ? BooleanClause.Occur.MUST_NOT : BooleanClause.Occur.FILTER);
          included |= !clause.excluded();
        }
        if (!included) all.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);  // "-word" alone: every image but those
        yield all.build();
      }
    };
  }

  private static Query anyOf(List<TextSearch.Word> words) {
    BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
    for (TextSearch.Word word : words) any.add(query(word), BooleanClause.Occur.SHOULD);
    return any.build();
  }

  /** A word: its terms all there (the last a prefix when it is one), or for a quoted phrase, next to each other in order. */
  private static Query query(TextSearch.Word word) {
    List<String> terms = word.terms();
    if (word.phrase() && terms.size() > 1) return new PhraseQuery(TEXT, terms.toArray(new String[0]));
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (int k = 0; k < terms.size(); k++) {
      Term term = new Term(TEXT, terms.get(k));
      boolean prefix = word.prefix() && k == terms.size() - 1;
      all.add(prefix ? new PrefixQuery(term) : new TermQuery(term), BooleanClause.Occur.FILTER);
    }
    return all.build();
  }

  /** The documents a query matches, one bit set per segment (deleted documents included: the count skips them). */
  private FixedBitSet[] matches(Query query) {
    try {
      Weight weight = createWeight(rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
      FixedBitSet[] matches = new FixedBitSet[leaves.size()];
      for (LeafReaderContext leaf : leaves) {
        matches[leaf.ord] = new FixedBitSet(leaf.reader().maxDoc());
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) continue;
        DocIdSetIterator docs = scorer.iterator();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) matches[leaf.ord].set(doc);
      }
      return matches;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One facet's filter: its chosen values and, for the owner facet, chosen account ids. */
  private record Filter(Facet facet, Set<String> values, Set<String> accounts) {}

  private static Filter filter(Facet facet, Set<String> values) {
    Set<String> accounts = facet == Facet.OWNER ? Set.copyOf(values.stream().filter(v -> v.matches("\\d{12}")).toList()) : Set.of();
    return new Filter(facet, values, accounts);
  }

  /**
   * One pass over the candidates (all live documents, or the text's matches), reading each
   * facet's doc value at most once per document: a document that passes every filter matches and
   * counts for every facet; one that fails a single facet's filter counts for that facet only.
   */
  private Tally count(FixedBitSet[] base, Filter[] selected) throws IOException {
    int[] filtered = java.util.stream.IntStream.range(0, F).filter(f -> selected[f] != null).toArray();
    // With no text and one facet filtered, that facet's own counts are the unfiltered ones.
    boolean sidewaysKnown = base == null && filtered.length == 1 && everything != null;
    int[][] counts = new int[F][];
    for (int f = 0; f < F; f++) counts[f] = new int[labels.get(f).size()];
    FixedBitSet matches = new FixedBitSet(Math.max(1, getIndexReader().maxDoc()));
    boolean[][] chosen = chosen(selected);
    int total = 0;
    for (LeafReaderContext leaf : leaves) {
      Segment segment = new Segment(leaf, selected, chosen);
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator docs = base == null ? DocIdSetIterator.all(leaf.reader().maxDoc()) : new BitSetIterator(base[leaf.ord], 0);
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live != null && !live.get(doc)) continue;
        int global = leaf.docBase + doc;
        int failed = -1;
        for (int f : filtered) {
          if (segment.passes(f, doc, global)) continue;
          if (failed >= 0) { failed = -2; break; }
          failed = f;
        }
        if (failed == -1) {
          matches.set(global);
          total++;
          for (int f = 0; f < F; f++) add(counts, f, global, 1);
        } else if (failed >= 0 && !sidewaysKnown) {
          add(counts, failed, global, 1);
        }
      }
    }
    if (sidewaysKnown) counts[filtered[0]] = everything.counts()[filtered[0]];
    return new Tally(total, counts, matches);
  }

  /**
   * A text's matches and counts when no facet is filtered. A broad word (hvm, a prefix like a or
   * am) matches most images: then the counts are everything's less those of the images it does
   * not match, a pass over the few instead of the many (a broad word's first run was the slowest
   * of the bench's searches).
   */
  private Tally countByText(FixedBitSet[] base) throws IOException {
    long matched = 0;  // deleted documents too: enough to choose the way
    for (FixedBitSet in : base) matched += in.cardinality();
    if (matched <= everything.total() / 2) return count(base, new Filter[F]);
    FixedBitSet matches = new FixedBitSet(Math.max(1, getIndexReader().maxDoc()));
    int total = 0;
    for (LeafReaderContext leaf : leaves) {
      Bits live = leaf.reader().getLiveDocs();
      FixedBitSet in = base[leaf.ord];
      for (int doc = in.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = doc + 1 < in.length() ? in.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
        if (live != null && !live.get(doc)) continue;
        matches.set(leaf.docBase + doc);
        total++;
      }
    }
    int[][] counts = new int[F][];
    for (int f = 0; f < F; f++) counts[f] = everything.counts()[f].clone();
    for (LeafReaderContext leaf : leaves) {
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
        int global = leaf.docBase + doc;
        if (matches.get(global) || (live != null && !live.get(doc))) continue;
        for (int f = 0; f < F; f++) add(counts, f, global, -1);
      }
    }
    return new Tally(total, counts, matches);
  }

  /** A segment's filters: the chosen values' codes, and for the owner facet the chosen accounts' doc values. */
  private final class Segment {
    private final boolean[][] chosen;
    private SortedDocValues accounts;
    private FixedBitSet chosenAccounts;

    Segment(LeafReaderContext leaf, Filter[] selected, boolean[][] chosen) throws IOException {
      this.chosen = chosen;
      Filter owner = selected[Facet.OWNER.ordinal()];
      if (owner != null && !owner.accounts().isEmpty()) {
        accounts = DocValues.getSorted(leaf.reader(), ACCOUNT);
        chosenAccounts = new FixedBitSet(Math.max(1, accounts.getValueCount()));
        for (String a : owner.accounts()) {
          int o = accounts.lookupTerm(new BytesRef(a));
          if (o >= 0) chosenAccounts.set(o);
        }
      }
    }

    boolean passes(int f, int doc, int global) throws IOException {
      int[] start = multiStart[f];
      if (start != null) {
        for (int i = start[global]; i < start[global + 1]; i++) if (chosen[f][multiCodes[f][i]]) return true;
        return false;
      }
      int code = code(f, global);
      if (code >= 0 && chosen[f][code]) return true;
      return f == Facet.OWNER.ordinal() && chosenAccounts != null && accounts.advanceExact(doc)
          && chosenAccounts.get(accounts.ordValue());
    }
  }

  /** For each filtered facet, which codes are chosen. */
  private boolean[][] chosen(Filter[] selected) throws IOException {
    boolean[][] chosen = new boolean[F][];
    for (int f = 0; f < F; f++) {
      if (selected[f] == null) continue;
      chosen[f] = new boolean[labels.get(f).size()];
      for (String v : selected[f].values()) {
        long code = lookup(f, v);
        if (code >= 0) chosen[f][(int) code] = true;
      }
    }
    return chosen;
  }

  /** The code of a facet value among all the view's values (live or not), or -1. */
  private long lookup(int f, String value) throws IOException {
    BytesRef term = new BytesRef(value);
    for (LeafReaderContext leaf : leaves) {
      if (FACETS[f].multiValued()) {
        long o = DocValues.getSortedSet(leaf.reader(), LuceneDocuments.facetField(FACETS[f])).lookupTerm(term);
        if (o >= 0) return ordinals[f].getGlobalOrds(leaf.ord).get(o);
        continue;
      }
      SortedDocValues values = DocValues.getSorted(leaf.reader(), LuceneDocuments.facetField(FACETS[f]));
      int o = values.lookupTerm(term);
      if (o >= 0) return ordinals[f].getGlobalOrds(leaf.ord).get(o);
    }
    return -1;
  }

  /** The row ids (images.id) of a tally's matches in this order: {@code limit} of them from the {@code skip}-th. */
  public void forEachRow(Tally tally, SearchQuery.Sort sort, int skip, int limit, LongConsumer rows) {
    FixedBitSet matches = tally.matches();
    long wanted = Math.min((long) skip + limit, tally.total());
    int seen = 0;
    for (int doc : order(sort)) {
      if (seen >= wanted) return;
      if (!matches.get(doc)) continue;
      if (seen++ >= skip) rows.accept(rowIds[doc]);
    }
  }

  /**
   * The live documents in a sort's order, made at the first search in that order (a sort of the
   * doc values, under a second at 1M) and kept with the view: a page is then a walk along it,
   * however deep, where a Lucene sort of the matches would rank them all again for every page.
   */
  private int[] order(SearchQuery.Sort sort) {
    int[] order = orders.get(sort.ordinal());
    if (order == null) {
      synchronized (orders) {
        order = orders.get(sort.ordinal());
        if (order == null) orders.set(sort.ordinal(), order = sorted(sort));
      }
    }
    return order;
  }

  /**
   * Newest: created, then row id, both descending; oldest: both ascending; name (none first), then
   * row; region, then name, then row; owner, architecture, category: the value, then newest first.
   */
  private int[] sorted(SearchQuery.Sort sort) {
    try {
      int[] docs = liveDocs();
      boolean byName = sort == SearchQuery.Sort.NAME || sort == SearchQuery.Sort.REGION;
      long[] created = byName ? null : longs(CREATED);
      int[] names = byName ? nameCodes() : null;
      int region = Facet.REGION.ordinal();
      int facet = sort.facet == null ? -1 : sort.facet.ordinal();
      new IntroSorter() {
        private int pivot;

        @Override protected void setPivot(int i) {
          pivot = docs[i];
        }

        @Override protected int comparePivot(int j) {
          return compareDocs(pivot, docs[j]);
        }

        @Override protected int compare(int i, int j) {
          return compareDocs(docs[i], docs[j]);
        }

        @Override protected void swap(int i, int j) {
          int t = docs[i];
          docs[i] = docs[j];
          docs[j] = t;
        }

        private int compareDocs(int a, int b) {
          return switch (sort) {
            case NEWEST -> created[a] != created[b] ? Long.compare(created[b], created[a]) : Integer.compare(rowIds[b], rowIds[a]);
            case OLDEST -> created[a] != created[b] ? Long.compare(created[a], created[b]) : Integer.compare(rowIds[a], rowIds[b]);
            case NAME -> names[a] != names[b] ? Integer.compare(names[a], names[b]) : Integer.compare(rowIds[a], rowIds[b]);
            case REGION -> code(region, a) != code(region, b) ? Integer.compare(code(region, a), code(region, b))
                : names[a] != names[b] ? Integer.compare(names[a], names[b]) : Integer.compare(rowIds[a], rowIds[b]);
            case OWNER, ARCH, CATEGORY -> code(facet, a) != code(facet, b) ? Integer.compare(code(facet, a), code(facet, b))
                : created[a] != created[b] ? Long.compare(created[b], created[a]) : Integer.compare(rowIds[b], rowIds[a]);
          };
        }
      }.sort(0, docs.length);
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int[] liveDocs() {
    int[] docs = new int[size()];
    int n = 0;
    for (LeafReaderContext leaf : leaves) {
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) if (live == null || live.get(doc)) docs[n++] = leaf.docBase + doc;
    }
    return docs;
  }

  /** A numeric doc value of every document, by global document (0 when missing, as Lucene's sorts take it). */
  private long[] longs(String field) throws IOException {
    long[] values = new long[getIndexReader().maxDoc()];
    for (LeafReaderContext leaf : leaves) {
      NumericDocValues v = DocValues.getNumeric(leaf.reader(), field);
      for (int doc = v.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = v.nextDoc()) values[leaf.docBase + doc] = v.longValue();
    }
    return values;
  }

  /** Each document's name as its rank among all names (byte order), -1 for none: none sorts first. */
  private int[] nameCodes() throws IOException {
    SortedDocValues[] values = values(NAME);
    LongValues[] toCode = new LongValues[leaves.size()];
    OrdinalMap names = OrdinalMap.build(null, values, PackedInts.DEFAULT);
    int[] codes = new int[getIndexReader().maxDoc()];
    java.util.Arrays.fill(codes, -1);
    for (LeafReaderContext leaf : leaves) {
      toCode[leaf.ord] = names.getGlobalOrds(leaf.ord);
      SortedDocValues v = values[leaf.ord];
      for (int doc = v.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = v.nextDoc()) {
        codes[leaf.docBase + doc] = (int) toCode[leaf.ord].get(v.ordValue());
      }
    }
    return codes;
  }
}
