package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.image.Facet;
import amicatalog.image.SearchQuery;
import amicatalog.image.Terms;
import amicatalog.image.TextSearch;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the search answers, against what SQLite answers for the same question: terms as FTS5's
 * unicode61 tokenizer makes them, words as FTS5 matches them, facet counts as GROUP BY counts them.
 */
@OnBothStores
class SearchAnswersTest {
  @TempDir Path dir;

  @Test
  void termsAreRunsOfLettersAndDigitsLowerCasedWithoutAccents() {
    assertThat(Terms.tokens("amzn2-ami-ecs-hvm-2.0.20240501-x86_64-ebs"))
        .containsExactly("amzn2", "ami", "ecs", "hvm", "2", "0", "20240501", "x86", "64", "ebs");
    assertThat(Terms.tokens("Débian GNU/Linux «Bookworm» NEAR(a*b) col:val \"q\""))
        .containsExactly("debian", "gnu", "linux", "bookworm", "near", "a", "b", "col", "val", "q");
    assertThat(Terms.tokens(" -- ** \u0301 ")).isEmpty();
    assertThat(Terms.tokens(null)).isEmpty();
  }

  /** The feeds ask FTS5 what the search asks its index: the two must split text alike. */
  @Test
  void termsAreTheTermsSqliteFullTextSearchMakesOfTheSameText() throws Exception {
    List<String> samples = List.of("Débian Ñandú Ærø straße ŒUVRE ÅSTRÖM ǰ", "フェドラ ガンダム 한국어 中文字", "हिन्दी",
        "İstanbul ıi", "ＡＢＣ１２３", "😀emoji😀x", "a+b $100 C# node.js x86_64", "ά Ώ αθήνα ᾳ", "йод Ёлка",
        "ﬁne ǅ Ǆ ǲ ﬀ", "a\u200Bb", "e\u0301 \u0301 x\u0301y", "x²³ ½ ①", "amzn2-ami-ecs-hvm-2.0.20240501-x86_64-ebs");
    try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
         var statement = connection.createStatement()) {
      statement.execute("CREATE VIRTUAL TABLE t USING fts5(x)");
      statement.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')");
      for (String text : samples) {
        statement.execute("DELETE FROM t");
        try (var insert = connection.prepareStatement("INSERT INTO t (x) VALUES (?)")) {
          insert.setString(1, text);
          insert.execute();
        }
        List<String> fts = new java.util.ArrayList<>();
        try (var rows = statement.executeQuery("SELECT term FROM v ORDER BY offset")) {
          while (rows.next()) fts.add(rows.getString(1));
        }
        assertThat(Terms.tokens(text)).as(text).isEqualTo(fts);
      }
    }
  }

  /** Four images; the newest first (created in this order, a day apart). */
  private static final String FOUR = """
      {"Images": [
        {"ImageId": "ami-00000000000000001", "Name": "al2023-ami-ecs", "Description": "Amazon Linux 2023 amazon", "OwnerId": "444455556666", "CreationDate": "2026-01-04T00:00:00.000Z"},
        {"ImageId": "ami-00000000000000002", "Name": "debian-12-arm64", "Description": "Debian 12 team data", "OwnerId": "444455556666", "CreationDate": "2026-01-03T00:00:00.000Z"},
        {"ImageId": "ami-00000000000000003", "Name": "ubuntu/images/noble", "Description": "Canonical Ubuntu 24.04 team platform", "OwnerId": "111122223333", "CreationDate": "2026-01-02T00:00:00.000Z"},
        {"ImageId": "ami-00000000000000004", "Name": "amzn2-ami-ecs-hvm", "Description": "Amazon Linux 2 ECS amazon", "OwnerId": "111122223333", "CreationDate": "2026-01-01T00:00:00.000Z"}]}""";

  private static List<String> names(CatalogSearch search, String q) {
    return search.search(new SearchQuery(q, Map.of(), SearchQuery.Sort.NEWEST, 1)).rows().stream().map(ImageRow::name).toList();
  }

  @Test
  void everyWordMustMatchAndTheLastTermOfAWordIsAPrefix() {
    try (Database db = TestStores.open(dir); CatalogSearch search = new CatalogSearch(db)) {
      byte[] json = FOUR.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      TestApp.load(db, List.of(new SnapshotImageSource.Snapshot("eu-west-1", "four", () -> new java.io.ByteArrayInputStream(json))));
      search.refresh();
      assertThat(names(search, "ecs")).containsExactly("al2023-ami-ecs", "amzn2-ami-ecs-hvm");
      assertThat(names(search, "am")).containsExactly("al2023-ami-ecs", "amzn2-ami-ecs-hvm");  // amazon, ami, amzn2
      assertThat(names(search, "amazon 2023")).containsExactly("al2023-ami-ecs");
      assertThat(names(search, "amzn2-ec")).containsExactly("amzn2-ami-ecs-hvm");  // amzn2 exact, then ec*
      assertThat(names(search, "team DEB")).containsExactly("debian-12-arm64");
      assertThat(names(search, "2")).containsExactly("amzn2-ami-ecs-hvm");  // one character: the term "2" only
      assertThat(names(search, "24")).containsExactly("ubuntu/images/noble");
      assertThat(names(search, "12")).containsExactly("debian-12-arm64");
      assertThat(names(search, "ecs nothing")).isEmpty();
      assertThat(names(search, "zzz")).isEmpty();
      assertThat(names(search, "444455556666")).containsExactly("al2023-ami-ecs", "debian-12-arm64");  // an account id: its images
      assertThat(names(search, "999999999999")).isEmpty();
      assertThat(names(search, "ami-00000000000000003")).containsExactly("ubuntu/images/noble");
    }
  }

  /**
   * The feeds filter with the store's full-text index (TextSearch.condition: FTS5, or PostgreSQL's
   * tsquery over image_words): they must mean what the search means,
   * words, quoted phrases, -exclusions, OR and synonyms alike.
   */
  @Test
  void wordsFindWhatSqliteFullTextSearchFindsInRealImages() {
    try (Database db = TestStores.open(dir); CatalogSearch search = new CatalogSearch(db)) {
      TestApp.load(db, List.of(new SnapshotImageSource.Snapshot("eu-west-1", "eu-west-1",
          () -> getClass().getResourceAsStream("/demo/eu-west-1.json.gz"))));
      search.refresh();
      everyImageInTheFullTextIndex(db);
      for (String text : List.of("ecs", "amzn2", "am", "ubuntu", "hvm", "x86", "ebs", "2025", "kernel", "windows",
          "server", "deep", "neuron", "sql", "gpu", "fedora", "linux", "x86_64", "amzn2-ami-ecs", "Amazon Linux 2023",
          "windows server 2012 eng", "al2023-ami-ecs-hvm-2023.0", "AMAZON/amzn2-ami-ecs-hvm-2.0", "fedora-coreos-4",
          "\"amazon linux 2023\"", "\"linux 2 ami\"", "\"ecs hvm\" -gpu", "-al2023", "ecs -amzn2 -kernel",
          "ubuntu OR debian", "windows OR \"amazon linux\" -2019", "ecs optimized", "ecs-optimized", "minimal",
          "\"x86_64 ecs\"", "-\"amazon linux\"")) {
        assertThat(search.search(new SearchQuery(text, Map.of(), SearchQuery.Sort.NEWEST, 1)).total()).as(text)
            .isEqualTo(ftsCount(db, text)).isPositive();
      }
      // A description ends "… HVM ebs" and the owner alias "amazon" comes next: a phrase never runs across the two.
      assertThat(search.search(new SearchQuery("ebs amazon", Map.of(), SearchQuery.Sort.NEWEST, 1)).total()).isPositive();
      assertThat(search.search(new SearchQuery("\"ebs amazon\"", Map.of(), SearchQuery.Sort.NEWEST, 1)).total())
          .isEqualTo(ftsCount(db, "\"ebs amazon\"")).isZero();
    }
  }

  /**
   * The feeds' full-text index holds the images with history only (V13), and a load into an empty
   * catalog writes none: asked here about every image, as what the search must agree with, it is
   * given them all.
   */
  private static void everyImageInTheFullTextIndex(Database db) {
    String everyImage = switch (db.dialect()) {
      case SQLITE -> "INSERT OR REPLACE INTO images_fts (rowid, name, description, owner_alias, tags_text)"
          + " SELECT id, name, description, owner_alias, tags_text FROM images";
      case POSTGRESQL -> "INSERT INTO image_words (image_row, words)"
          + " SELECT id, image_words_of(name, description, owner_alias, tags_text) FROM images"
          + " ON CONFLICT (image_row) DO UPDATE SET words = excluded.words";
    };
    db.write(h -> h.execute(everyImage));
  }

  private static int ftsCount(Database db, String text) {
    Map<String, Object> values = new HashMap<>();
    String condition = TextSearch.of(text).condition(db.dialect(), "images.id", "m", values);
    return db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE removed_at IS NULL AND " + condition)
        .bindMap(values).mapTo(Integer.class).one());
  }

  /**
   * The box's words and the facet clicks give one answer: a region, architecture or owner typed
   * as a word is that facet's filter; "-word" is every image but what "word" finds; "a OR b" is
   * the images of either; a phrase is narrower than its words; a synonym widens.
   */
  @Test
  void searchWordsAnswerAsTheFacetClicksDo() {
    try (Database db = TestStores.open(dir); CatalogSearch search = new CatalogSearch(db)) {
      loadTwoDemoRegions(db, search);
      assertThat(typed(search, "al2023 eu-west-1")).isEqualTo(clicked(search, "al2023", Map.of(Facet.REGION, Set.of("eu-west-1"))));
      assertThat(typed(search, "al2023 EU-WEST-1 arm64")).isEqualTo(clicked(search, "al2023",
          Map.of(Facet.REGION, Set.of("eu-west-1"), Facet.ARCH, Set.of("arm64")))).isPositive();
      assertThat(typed(search, "eu-west-1 OR ap-southeast-6 amazon")).isEqualTo(clicked(search, "",
          Map.of(Facet.REGION, Set.of("eu-west-1", "ap-southeast-6"), Facet.OWNER, Set.of("amazon"))));
      assertThat(search.known(query("al2023 eu-west-1", Map.of())).query())
          .isEqualTo(query("al2023", Map.of(Facet.REGION, Set.of("eu-west-1"))));
      // Quoted or excluded, a region is words: names do not say regions, so nothing has them.
      assertThat(search.known(query("\"eu-west-1\"", Map.of())).query().q()).isEqualTo("\"eu-west-1\"");
      // A group mixing facets stays words.
      assertThat(search.known(query("arm64 OR eu-west-1", Map.of())).query().q()).isEqualTo("arm64 OR eu-west-1");

      int all = clicked(search, "", Map.of()), al2023 = clicked(search, "al2023", Map.of());
      assertThat(clicked(search, "-al2023", Map.of())).isEqualTo(all - al2023);
      int ubuntu = clicked(search, "ubuntu", Map.of()), debian = clicked(search, "debian", Map.of());
      assertThat(clicked(search, "ubuntu OR debian", Map.of())).isEqualTo(ubuntu + debian - clicked(search, "ubuntu debian", Map.of()));
      assertThat(clicked(search, "\"amazon linux 2023\"", Map.of())).isPositive()
          .isLessThan(clicked(search, "amazon linux 2023", Map.of()));
      // "ecs optimized" finds the Amazon Linux 2 and 2023 ECS images too, which never say "optimized".
      assertThat(clicked(search, "ecs optimized", Map.of())).isEqualTo(clicked(search, "ecs", Map.of()))
          .isGreaterThan(clicked(search, "\"ecs optimized\"", Map.of()));
    }
  }

  /** A large region and a small one of the demo's real images, indexed. */
  private static void loadTwoDemoRegions(Database db, CatalogSearch search) {
    TestApp.load(db, List.of(
        new SnapshotImageSource.Snapshot("eu-west-1", "eu-west-1", () -> SearchAnswersTest.class.getResourceAsStream("/demo/eu-west-1.json.gz")),
        new SnapshotImageSource.Snapshot("ap-southeast-6", "ap-southeast-6",
            () -> SearchAnswersTest.class.getResourceAsStream("/demo/ap-southeast-6.json.gz"))));
    search.refresh();
  }

  private static SearchQuery query(String q, Map<Facet, Set<String>> filters) {
    return new SearchQuery(q, filters, SearchQuery.Sort.NEWEST, 1);
  }

  private static int typed(CatalogSearch search, String q) {
    return search.search(search.known(query(q, Map.of())).query()).total();
  }

  private static int clicked(CatalogSearch search, String q, Map<Facet, Set<String>> filters) {
    return search.search(query(q, filters)).total();
  }

  /** Each facet's counts, under the other facets' filters, are what SQLite counts with GROUP BY, over real demo images. */
  @Test
  void facetCountsAreWhatSqlCounts() {
    try (Database db = TestStores.open(dir); CatalogSearch search = new CatalogSearch(db)) {
      loadTwoDemoRegions(db, search);
      List<Map<Facet, String>> filters = List.of(
          Map.of(),
          Map.of(Facet.ARCH, "arm64"),
          Map.of(Facet.OWNER, "amazon"),
          Map.of(Facet.ARCH, "arm64", Facet.REGION, "ap-southeast-6"),
          Map.of(Facet.OWNER, "amazon", Facet.YEAR, "2025", Facet.ARCH, "x86_64"));
      for (Map<Facet, String> filter : filters) {
        Map<Facet, Set<String>> chosen = new EnumMap<>(Facet.class);
        filter.forEach((f, v) -> chosen.put(f, Set.of(v)));
        SearchResult result = search.search(new SearchQuery("", chosen, SearchQuery.Sort.NEWEST, 1));
        assertThat(search.liveImages()).isGreaterThan(2000);
        for (SearchResult.FacetCounts counts : result.facets()) {
          Map<String, Integer> counted = new HashMap<>();
          counts.values().stream().filter(v -> v.count() > 0).forEach(v -> counted.put(v.value(), v.count()));
          assertThat(counted).as("%s with %s", counts.facet(), filter).isEqualTo(sqlCounts(db, counts.facet(), filter));
        }
      }
    }
  }

  /**
   * A word's facet counts are what SQL counts over what FTS5 finds: for a broad word (most of the
   * images; counted as everything less what it misses) as for a narrow one.
   */
  @Test
  void aWordsFacetCountsAreWhatSqlCounts() {
    try (Database db = TestStores.open(dir); CatalogSearch search = new CatalogSearch(db)) {
      loadTwoDemoRegions(db, search);
      everyImageInTheFullTextIndex(db);
      boolean sawBroad = false;
      for (String q : List.of("hvm", "amzn", "a", "ebs", "fedora", "-fedora", "ecs OR coreos")) {
        SearchResult result = search.search(new SearchQuery(q, Map.of(), SearchQuery.Sort.NEWEST, 1));
        sawBroad |= result.total() > search.liveImages() / 2;
        TextSearch text = TextSearch.of(q);
        Map<String, Object> values = new HashMap<>();
        String where = "removed_at IS NULL AND " + text.condition(db.dialect(), "id", "text", values);
        for (SearchResult.FacetCounts counts : result.facets()) {
          Map<String, Integer> counted = new HashMap<>();
          counts.values().stream().filter(v -> v.count() > 0).forEach(v -> counted.put(v.value(), v.count()));
          String sql = countsSql(db, counts.facet(), where);
          Map<String, Integer> expected = db.read(h -> {
            Map<String, Integer> m = new HashMap<>();
            h.createQuery(sql).bindMap(values).map((rs, ctx) -> m.put(rs.getString(1), rs.getInt(2))).list();
            return m;
          });
          assertThat(counted).as("%s for %s", counts.facet(), q).isEqualTo(expected);
        }
      }
      assertThat(sawBroad).as("a word that matches most images").isTrue();
    }
  }

  /** A facet's counts under the other facets' filters, as SQL sees them. */
  private static Map<String, Integer> sqlCounts(Database db, Facet facet, Map<Facet, String> filter) {
    StringBuilder where = new StringBuilder("removed_at IS NULL");
    List<String> values = new java.util.ArrayList<>();
    filter.forEach((f, value) -> {
      if (f != facet) {
        where.append(" AND coalesce(nullif(").append(f.sql(db.dialect())).append(", ''), 'unspecified') = ?");
        values.add(value);
      }
    });
    String sql = countsSql(db, facet, where.toString());
    return db.read(h -> {
      var query = h.createQuery(sql);
      for (int i = 0; i < values.size(); i++) query.bind(i, values.get(i));
      Map<String, Integer> counts = new HashMap<>();
      query.map((rs, ctx) -> counts.put(rs.getString(1), rs.getInt(2))).list();
      return counts;
    });
  }

  /** SQL's count of each value of a facet over the images a condition selects: an account facet counts the sightings. */
  private static String countsSql(Database db, Facet facet, String where) {
    if (facet.multiValued()) {
      return "SELECT s.account_id, count(*) FROM images JOIN image_sightings s ON s.image_row = images.id WHERE " + where + " GROUP BY 1";
    }
    return "SELECT coalesce(nullif(" + facet.sql(db.dialect()) + ", ''), 'unspecified'), count(*) FROM images WHERE " + where + " GROUP BY 1";
  }
}
