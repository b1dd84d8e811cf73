package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.bench.SearchMix;
import amicatalog.bench.SyntheticImageSource;
import amicatalog.db.Database;
import amicatalog.image.Facet;
import amicatalog.image.Scope;
import amicatalog.image.SearchQuery;
import amicatalog.sync.Indexer;
import amicatalog.sync.SyncListener;
import amicatalog.testing.TestApp;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two engines give the same answers (issue 15): the bench's query mix and more, on a synthetic
 * catalog of 20,000 images (also after an update that changes 1% and one that removes some) and
 * on the demo data: the same totals, facet counts in the same order, the same first pages.
 */
class SearchEnginesTest {
  private static final List<String> MORE = List.of("/?q=Débian", "/?q=amzn2-ec", "/?q=windows&sort=oldest",
      "/?owner=nobody&arch=arm64", "/?owner=591542846629", "/?owner=amazon&owner=137112412989&sort=region",
      "/?q=ecs&deprecated=yes&deprecated=no&sort=name&page=2", "/?platform=Windows&sort=region&page=3",
      "/?q=team+base&category=private&sort=oldest", "/?year=2019&year=2020&arch=x86_64&sort=name&page=5");
  @TempDir Path dir;

  @Test
  void syntheticCatalogBeforeAndAfterUpdates() {
    try (Database db = Database.open(dir.resolve("c.db"));
         CatalogSearch memory = new CatalogSearch(db);
         CatalogSearch lucene = new CatalogSearch(db, CatalogSearch.Engine.LUCENE, dir.resolve("c.db.search"))) {
      SyntheticImageSource source = new SyntheticImageSource(20_000, 3);
      sync(db, source);
      assertSameAnswers(db, memory, lucene);
      sync(db, source.withOnePercentChanged());  // the Lucene index is updated, not rebuilt
      assertSameAnswers(db, memory, lucene);
      sync(db, new SyntheticImageSource(19_000, 3));  // 1,000 removed
      assertSameAnswers(db, memory, lucene);
      assertThat(lucene.liveImages()).isEqualTo(19_000);
    }
  }

  @Test
  void demoCatalog() {
    Database db = TestApp.sharedReadOnly().db;
    try (CatalogSearch memory = new CatalogSearch(db);
         CatalogSearch lucene = new CatalogSearch(db, CatalogSearch.Engine.LUCENE, dir.resolve("demo.search"))) {
      assertSameAnswers(db, memory, lucene);
    }
  }

  private static void sync(Database db, SyntheticImageSource source) {
    new Indexer(db).run("test", source.regions(), Set.of(Scope.IMPORT), source, SyncListener.NONE);
  }

  private static void assertSameAnswers(Database db, CatalogSearch memory, CatalogSearch lucene) {
    memory.refresh();
    lucene.refresh();
    assertThat(lucene.liveImages()).isEqualTo(memory.liveImages());
    assertThat(lucene.liveRegions()).isEqualTo(memory.liveRegions());
    List<String> mix = new ArrayList<>(SearchMix.of(db));
    mix.addAll(MORE);
    for (String url : mix) {
      SearchQuery query = query(url);
      CatalogSearch.Known known = memory.known(query);
      assertThat(lucene.known(query)).as(url).isEqualTo(known);
      SearchResult expected = memory.search(known.query()), actual = lucene.search(known.query());
      assertThat(actual.total()).as(url + " total").isEqualTo(expected.total());
      assertThat(actual.facets()).as(url + " facets").isEqualTo(expected.facets());
      assertThat(actual.rows().stream().map(ImageRow::id).toList()).as(url + " rows")
          .isEqualTo(expected.rows().stream().map(ImageRow::id).toList());
    }
    SearchQuery csv = query("/?q=ubuntu&sort=region");
    assertThat(rowIds(lucene, csv)).isEqualTo(rowIds(memory, csv));
  }

  private static List<Long> rowIds(CatalogSearch search, SearchQuery query) {
    List<Long> ids = new ArrayList<>();
    search.forEachRow(query, row -> ids.add(row.id()));
    return ids;
  }

  /** A search page's URL as the query it asks. */
  private static SearchQuery query(String url) {
    String q = "";
    SearchQuery.Sort sort = SearchQuery.Sort.NEWEST;
    int page = 1;
    Map<Facet, Set<String>> filters = new EnumMap<>(Facet.class);
    int start = url.indexOf('?');
    for (String pair : start < 0 ? new String[0] : url.substring(start + 1).split("&")) {
      String name = pair.substring(0, pair.indexOf('='));
      String value = URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8);
      switch (name) {
        case "q" -> q = value;
        case "sort" -> sort = SearchQuery.Sort.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        case "page" -> page = Integer.parseInt(value);
        default -> filters.computeIfAbsent(Facet.byParam(name), f -> new LinkedHashSet<>()).add(value);
      }
    }
    return new SearchQuery(q, filters, sort, page);
  }
}
