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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;

/**
 * The Lucene engine's view: one point-in-time reader of the index. Text and ids are matched by
 * Lucene queries; facet counts are our own pass over the facets' doc values (one per image per
 * facet), with drill-sideways counts: an image that fails exactly one facet's filter counts for
 * that facet only. Facet values are numbered across segments by an ordinal map (sorted values).
 */
final class LuceneSearch extends IndexSearcher implements SearchIndex {
  private static final Facet[] FACETS = Facet.values();
  private static final int F = FACETS.length;
  /** Up to this many rows a page is one sorted search; deeper, the CSV's rows come in chunks of this size. */
  private static final int CHUNK = 10_000;
  private static final Map<SearchQuery.Sort, Sort> SORTS = sorts();

  private final List<LeafReaderContext> leaves;
  private final OrdinalMap[] ordinals = new OrdinalMap[F];
  private final List<List<String>> labels = new ArrayList<>();
  private final List<Map<String, Integer>> liveCodes = new ArrayList<>();
  private final Tally everything;
  private final PerIndexCache<TextSearch, FixedBitSet[]> textMatches = new PerIndexCache<>(64);

  LuceneSearch(IndexReader reader) throws IOException {
    super(reader);
    setQueryCache(null);  // every query here is new or cached by CatalogSearch
    leaves = reader.leaves();
    for (Facet f : FACETS) {
      SortedDocValues[] values = values(LuceneDocuments.facetField(f));
      ordinals[f.ordinal()] = OrdinalMap.build(null, values, PackedInts.DEFAULT);
      labels.add(labels(ordinals[f.ordinal()], values));
    }
    everything = count(null, new Filter[F]);
    for (Facet f : FACETS) {
      Map<String, Integer> codes = new HashMap<>();
      int[] counts = everything.counts()[f.ordinal()];
      for (int code = 0; code < counts.length; code++) if (counts[code] > 0) codes.put(labels.get(f.ordinal()).get(code), code);
      liveCodes.add(codes);
    }
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

  @Override
  public int size() {
    return getIndexReader().numDocs();
  }

  @Override
  public List<String> labels(Facet facet) {
    return labels.get(facet.ordinal());
  }

  @Override
  public int code(Facet facet, String value) {
    return liveCodes.get(facet.ordinal()).getOrDefault(value, -1);
  }

  @Override
  public boolean hasAccount(String accountId) {
    try {
      return count(new TermQuery(new Term(ACCOUNT, accountId))) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The matches and each facet's counts by code. */
  record Tally(int total, int[][] counts, FixedBitSet[] matches) implements SearchIndex.Tally {}

  @Override
  public Tally tally(TextSearch text, Map<Facet, Set<String>> filters) {
    try {
      FixedBitSet[] base = text == null ? null : textMatches.computeIfAbsent(this, text, () -> matches(query(text)));
      Filter[] selected = new Filter[F];
      filters.forEach((f, values) -> selected[f.ordinal()] = filter(f, values));
      boolean filtered = base != null;
      for (Filter s : selected) filtered |= s != null;
      return filtered ? count(base, selected) : everything;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Query query(TextSearch text) {
    return switch (text.kind()) {
      case OWNER_ID -> new TermQuery(new Term(ACCOUNT, text.value()));
      case IMAGE_ID, SNAPSHOT_ID -> new TermQuery(new Term(ID, text.value()));
      case WORDS -> {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (TextSearch.Word word : text.words()) {
          List<String> terms = word.terms();
          for (int k = 0; k < terms.size(); k++) {
            Term term = new Term(TEXT, terms.get(k));
            boolean prefix = word.prefix() && k == terms.size() - 1;
            all.add(prefix ? new PrefixQuery(term) : new TermQuery(term), BooleanClause.Occur.FILTER);
          }
        }
        yield all.build();
      }
    };
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
    FixedBitSet[] matches = new FixedBitSet[leaves.size()];
    int total = 0;
    for (LeafReaderContext leaf : leaves) {
      Segment segment = new Segment(leaf, selected);
      matches[leaf.ord] = new FixedBitSet(leaf.reader().maxDoc());
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator docs = base == null ? DocIdSetIterator.all(leaf.reader().maxDoc()) : new BitSetIterator(base[leaf.ord], 0);
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live != null && !live.get(doc)) continue;
        int failed = -1;
        for (int f : filtered) {
          if (segment.passes(f, doc)) continue;
          if (failed >= 0) { failed = -2; break; }
          failed = f;
        }
        if (failed == -1) {
          matches[leaf.ord].set(doc);
          total++;
          for (int f = 0; f < F; f++) segment.count(f, doc, counts[f]);
        } else if (failed >= 0 && !sidewaysKnown) {
          segment.count(failed, doc, counts[failed]);
        }
      }
    }
    if (sidewaysKnown) counts[filtered[0]] = everything.counts()[filtered[0]];
    return new Tally(total, counts, matches);
  }

  /** A segment's facet doc values, read forward, each at most once per document. */
  private final class Segment {
    private final SortedDocValues[] values = new SortedDocValues[F];
    private final LongValues[] toCode = new LongValues[F];
    private final int[] ord = new int[F];
    private final int[] readAt = new int[F];
    private final FixedBitSet[] chosen = new FixedBitSet[F];
    private SortedDocValues accounts;
    private FixedBitSet chosenAccounts;

    Segment(LeafReaderContext leaf, Filter[] selected) throws IOException {
      java.util.Arrays.fill(readAt, -1);
      for (int f = 0; f < F; f++) {
        values[f] = DocValues.getSorted(leaf.reader(), LuceneDocuments.facetField(FACETS[f]));
        toCode[f] = ordinals[f].getGlobalOrds(leaf.ord);
        if (selected[f] != null) chosen[f] = ords(values[f], selected[f].values());
      }
      Filter owner = selected[Facet.OWNER.ordinal()];
      if (owner != null && !owner.accounts().isEmpty()) {
        accounts = DocValues.getSorted(leaf.reader(), ACCOUNT);
        chosenAccounts = ords(accounts, owner.accounts());
      }
    }

    private static FixedBitSet ords(SortedDocValues values, Set<String> chosen) throws IOException {
      FixedBitSet ords = new FixedBitSet(Math.max(1, values.getValueCount()));
      for (String v : chosen) {
        int o = values.lookupTerm(new BytesRef(v));
        if (o >= 0) ords.set(o);
      }
      return ords;
    }

    private int ord(int f, int doc) throws IOException {
      if (readAt[f] != doc) {
        readAt[f] = doc;
        ord[f] = values[f].advanceExact(doc) ? values[f].ordValue() : -1;
      }
      return ord[f];
    }

    boolean passes(int f, int doc) throws IOException {
      int o = ord(f, doc);
      if (o >= 0 && chosen[f].get(o)) return true;
      return f == Facet.OWNER.ordinal() && chosenAccounts != null && accounts.advanceExact(doc)
          && chosenAccounts.get(accounts.ordValue());
    }

    void count(int f, int doc, int[] counts) throws IOException {
      int o = ord(f, doc);
      if (o >= 0) counts[(int) toCode[f].get(o)]++;
    }
  }

  @Override
  public void forEachRow(SearchIndex.Tally tally, SearchQuery.Sort sort, int skip, int limit, LongConsumer rowIds) {
    Query matches = new MatchesQuery(((Tally) tally).matches());
    long wanted = Math.min((long) skip + limit, tally.total());
    try {
      if (wanted <= CHUNK * 10L) {
        if (wanted <= skip) return;
        TopFieldDocs top = search(matches, (int) wanted, SORTS.get(sort));
        for (int i = skip; i < top.scoreDocs.length; i++) rowIds.accept(row(top.scoreDocs[i]));
        return;
      }
      // Deep: sorted chunks one after the other (a single search would hold every row's sort keys at once).
      FieldDoc after = null;
      for (long seen = 0; seen < wanted; ) {
        org.apache.lucene.search.TopDocs chunk = searchAfter(after, matches, (int) Math.min(CHUNK, wanted - seen), SORTS.get(sort));
        if (chunk.scoreDocs.length == 0) return;
        for (var hit : chunk.scoreDocs) if (seen++ >= skip) rowIds.accept(row(hit));
        after = (FieldDoc) chunk.scoreDocs[chunk.scoreDocs.length - 1];
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every order ends with the row id, so the last sort value of a hit is its images.id. */
  private static long row(org.apache.lucene.search.ScoreDoc hit) {
    Object[] keys = ((FieldDoc) hit).fields;
    return (Long) keys[keys.length - 1];
  }

  /** The in-memory engine's orders: newest with ties by row id descending, names as SQLite orders text (bytes; no name first). */
  private static Map<SearchQuery.Sort, Sort> sorts() {
    SortField name = new SortField(NAME, SortField.Type.STRING);
    name.setMissingValue(SortField.STRING_FIRST);
    SortField region = new SortField(LuceneDocuments.facetField(Facet.REGION), SortField.Type.STRING);
    Map<SearchQuery.Sort, Sort> sorts = new EnumMap<>(SearchQuery.Sort.class);
    sorts.put(SearchQuery.Sort.NEWEST, new Sort(new SortField(CREATED, SortField.Type.LONG, true), new SortField(ROW, SortField.Type.LONG, true)));
    sorts.put(SearchQuery.Sort.OLDEST, new Sort(new SortField(CREATED, SortField.Type.LONG), new SortField(ROW, SortField.Type.LONG)));
    sorts.put(SearchQuery.Sort.NAME, new Sort(name, new SortField(ROW, SortField.Type.LONG)));
    sorts.put(SearchQuery.Sort.REGION, new Sort(region, name, new SortField(ROW, SortField.Type.LONG)));
    return sorts;
  }
}
