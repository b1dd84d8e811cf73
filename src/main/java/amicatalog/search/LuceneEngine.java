package amicatalog.search;

import amicatalog.db.Dialect;
import amicatalog.db.Database;
import amicatalog.image.FamilyRule;
import amicatalog.image.FamilyRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.jdbi.v3.core.Handle;

/**
 * Search through a Lucene index on disk (memory-mapped), kept beside the catalog file and brought
 * up to date by each refresh with only the images added, changed or removed since the last one.
 * Each commit records what it has seen (see {@link State}); an index of another catalog or of an
 * older document shape is built again from scratch. Requests keep the searcher they started with
 * until the new one is open (a SearcherManager).
 */
final class LuceneEngine implements AutoCloseable {
  /**
   * The shape of the documents: a change here means every document must be made again. So does a
   * change of the name rule (image.Family), which every family hash depends on; a change of the
   * family rules (the user's or the built-in ones) is noticed by itself ({@link State#rules}).
   */
  private static final String SCHEMA = "5";  // 2: text with positions and gaps between its four columns (quoted phrases); 3: family and version; 4: the accounts that see it; 5: who can launch it

  private final Database db;
  private final Path path;
  private final LuceneSearch empty;
  private Directory directory;
  private IndexWriter writer;
  private volatile SearcherManager searchers;

  /** Where a rebuild's documents go: the index writer; a test puts a failure in between. */
  interface DocumentSink {
    void add(IndexWriter writer, org.apache.lucene.document.Document document) throws IOException;
  }

  private final DocumentSink sink;

  LuceneEngine(Database db, Path path) {
    this(db, path, IndexWriter::addDocument);
  }

  LuceneEngine(Database db, Path path, DocumentSink sink) {
    this.db = db;
    this.path = path;
    this.sink = sink;
    try {
      this.empty = new LuceneSearch(new MultiReader());  // no documents, until the first refresh
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What an index commit has seen of the catalog: which catalog (the start of its first sync run),
   * the highest images.id (every newer row is new), a time from which on every change to a
   * row is still to be read (each change writes an image_events row at its time, indexed), and the
   * family rules its documents were keyed by (when they change, every family may: all is indexed again).
   */
  private record State(String schema, String catalog, long maxRow, String since, String rules, String sightings) {
    Map<String, String> userData() {
      return Map.of("schema", schema, "catalog", catalog, "maxRow", Long.toString(maxRow), "since", since, "rules", rules,
          "sightings", sightings);
    }

    static State of(Iterable<Map.Entry<String, String>> data) {
      Map<String, String> m = new HashMap<>();
      if (data != null) data.forEach(e -> m.put(e.getKey(), e.getValue()));
      return m.containsKey("schema")
          ? new State(m.get("schema"), m.get("catalog"), Long.parseLong(m.get("maxRow")), m.get("since"), m.get("rules"),
              m.getOrDefault("sightings", ""))
          : null;
    }
  }

  /** The family rules in force, as one text: what a commit keeps to tell whether they changed since. */
  static String fingerprint(FamilyRules rules) {
    StringBuilder text = new StringBuilder();
    for (FamilyRule r : rules.all()) text.append(r.owner()).append('\u001f').append(r.pattern()).append('\u001f').append(r.stream()).append('\n');
    return amicatalog.common.Hashes.sha256(text.toString());
  }

  /** Brings the index up to date with the store; requests keep the old view until the new one is ready. */
  public synchronized void refresh() {
    try {
      if (writer == null) open();
      db.read(handle -> handle.inTransaction(h -> {  // one snapshot of the catalog for the whole update
        State last = State.of(writer.getLiveCommitData());
        FamilyRules rules = FamilyRules.stored(h);
        State now = current(h, fingerprint(rules));
        if (last == null || !last.schema().equals(SCHEMA) || !last.catalog().equals(now.catalog()) || last.maxRow() > now.maxRow()
            || !now.rules().equals(last.rules())) {
          build(h, rules);
        } else {
          update(h, rules, last);
          if (!last.sightings().equals(now.sightings())) reindexSighted(h, rules);
        }
        writer.setLiveCommitData(now.userData().entrySet());
        writer.commit();
        return null;
      }));
      searchers.maybeRefreshBlocking();
    } catch (IOException | RuntimeException | Error e) {
      // Requests keep the last view; what this refresh did is undone, so the next one starts from
      // the last commit instead of committing half a rebuild.
      rollBack();
      if (e instanceof Error error) throw error;
      throw new IllegalStateException("cannot update the search index in " + path + ": " + e.getMessage(), e);
    }
  }

  private void rollBack() {
    try {
      if (writer != null) writer.rollback();  // closes it; the next refresh opens it again
    } catch (IOException | RuntimeException ignored) {
      // already failed; the refresh's own failure is the one to report
    }
    writer = null;
  }

  private void open() throws IOException {
    Files.createDirectories(path);
    directory = new MMapDirectory(path);
    IndexWriterConfig config = new IndexWriterConfig(new Unicode61Analyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(64);
    try {
      writer = new IndexWriter(directory, config);
    } catch (org.apache.lucene.store.LockObtainFailedException e) {
      throw new IllegalStateException("another process serves this catalog: its search index " + path
          + " is locked (one serve per catalog file; a sync or an import may run beside it)", e);
    }
    SearcherManager before = searchers;
    searchers = new SearcherManager(writer, new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
        return new LuceneSearch(reader);
      }
    });
    if (before != null) before.close();  // after a failed refresh: views in use stay open until released
  }

  /**
   * The catalog as this read transaction sees it. {@code since} is the earlier of now and the start
   * of any run still going: a run takes its times before it waits for the write lock, so a change
   * it commits after this snapshot may carry an earlier time. Two seconds earlier still, because
   * Instant texts of one second (…:05Z, …:05.120Z) do not sort as their times do; on PostgreSQL a
   * minute, as replicas and workers on other machines write times by their own clocks.
   */
  private static State current(Handle h, String rules) {
    String now = Instant.now().toString();
    String running = h.createQuery("SELECT min(started_at) FROM sync_runs WHERE finished_at IS NULL").mapTo(String.class).one();
    long margin = Dialect.of(h) == Dialect.POSTGRESQL ? 60 : 2;
    Instant from = Instant.parse(running != null && running.compareTo(now) < 0 ? running : now).minusSeconds(margin);
    String catalog = h.createQuery("SELECT coalesce(min(started_at), '') FROM sync_runs").mapTo(String.class).one();
    long maxRow = h.createQuery("SELECT coalesce(max(id), 0) FROM images").mapTo(Long.class).one();
    return new State(SCHEMA, catalog, maxRow, from.toString(), rules, sightings(h));
  }

  /**
   * A fingerprint of which accounts see which images (image_sightings): a sync that changes only
   * that writes no image event, so a refresh compares this to tell (a pass over the sightings,
   * which only own and shared images have).
   */
  private static String sightings(Handle h) {
    // Launch permissions too: a read that changes them writes no image event either (owned images are all sighted).
    // Each store's own arithmetic: the fingerprint is only ever compared with one the same store made.
    String sum = switch (Dialect.of(h)) {
      case SQLITE -> """
          SELECT (SELECT count(*) || ':' || total(image_row * (CAST(account_id AS INTEGER) % 1000003 + 1)) FROM image_sightings)
              || '/' || (SELECT count(*) || ':' || total(image_row * (length(grantee) + unicode(substr(grantee, -1)))) FROM launch_permissions)""";
      case POSTGRESQL -> """
          SELECT (SELECT count(*) || ':' || coalesce(sum(image_row * (hashtext(account_id) % 1000003 + 1)), 0) FROM image_sightings)
              || '/' || (SELECT count(*) || ':' || coalesce(sum(image_row * (length(grantee) + ascii(right(grantee, 1)))), 0)
                         FROM launch_permissions)""";
    };
    return h.createQuery(sum + " || '/' || (SELECT count(*) FROM launch_permission_reads)").mapTo(String.class).one();
  }

  /** Every live image, from scratch; the searchers keep the old documents until the commit. */
  private void build(Handle h, FamilyRules rules) throws IOException {
    writer.deleteAll();
    LuceneDocuments.read(h, rules, "removed_at IS NULL", (row, doc) -> sink.add(writer, doc));
  }

  /**
   * The rows added since (a higher id: a cold load writes no events), and those with an event since
   * (changed, removed, back, deprecated: every change a search can see writes one), and those whose
   * deprecation time passed but is not noted yet (the deprecated facet follows the clock).
   */
  private void update(Handle h, FamilyRules rules, State last) {
    String changed = """
        id > ?
        OR id IN (SELECT image_row FROM image_events WHERE at >= ?)
        OR id IN (SELECT id FROM images WHERE deprecation_time IS NOT NULL AND deprecation_noted IS DISTINCT FROM deprecation_time
                  AND deprecation_time <= %s)""".formatted(Dialect.of(h).utcNow());
    LuceneDocuments.read(h, rules, changed, (row, doc) -> {
      Term id = new Term(LuceneDocuments.ROW, Long.toString(row));
      if (doc == null) writer.deleteDocuments(id);
      else writer.updateDocument(id, doc);
    }, last.maxRow(), last.since());
  }

  /**
   * Indexes again every image some account sees now, and every image the index holds with an
   * account: those whose accounts may have changed since the last commit.
   */
  private void reindexSighted(Handle h, FamilyRules rules) throws IOException {
    java.util.Set<Long> rows = new java.util.TreeSet<>(
        h.createQuery("SELECT DISTINCT image_row FROM image_sightings").mapTo(Long.class).list());
    try (IndexReader reader = org.apache.lucene.index.DirectoryReader.open(writer)) {
      for (var leaf : reader.leaves()) {
        var accounts = org.apache.lucene.index.DocValues.getSortedSet(leaf.reader(), LuceneDocuments.facetField(amicatalog.image.Facet.ACCOUNT));
        var rowIds = org.apache.lucene.index.DocValues.getNumeric(leaf.reader(), LuceneDocuments.ROW);
        var live = leaf.reader().getLiveDocs();
        for (int doc = accounts.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; doc = accounts.nextDoc()) {
          if ((live == null || live.get(doc)) && rowIds.advanceExact(doc)) rows.add(rowIds.longValue());
        }
      }
    }
    if (rows.isEmpty()) return;
    LuceneDocuments.read(h, rules, "id " + Dialect.of(h).inNumbers("?"), (row, doc) -> {
      Term id = new Term(LuceneDocuments.ROW, Long.toString(row));
      if (doc == null) writer.deleteDocuments(id);
      else writer.updateDocument(id, doc);
    }, amicatalog.common.Json.write(rows));
  }

  /** The current view; give it back with {@link #release}, so that a view no request uses any more is freed. */
  public LuceneSearch acquire() {
    SearcherManager s = searchers;
    if (s == null) return empty;
    try {
      return (LuceneSearch) s.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void release(LuceneSearch searcher) {
    if (searcher == empty) return;
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes the index takes on disk. */
  public long bytesOnDisk() {
    if (!Files.isDirectory(path)) return 0;
    try (Stream<Path> files = Files.list(path)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (searchers != null) searchers.close();
      if (writer != null) writer.close();
      if (directory != null) directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
