package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.image.Terms;
import amicatalog.image.TextSearch;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.TestApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextIndexTest {
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

  /** The feeds ask FTS5 what the search asks the TextIndex: the two must split text alike. */
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

  /** Four images, read in this order; position p is the p-th newest, here the reverse of it. */
  private static TextIndex small() {
    TextIndex.Builder builder = new TextIndex.Builder();
    builder.add("111122223333", "amzn2-ami-ecs-hvm Amazon Linux 2 ECS amazon");
    builder.add("111122223333", "ubuntu/images/noble Canonical Ubuntu 24.04 team platform");
    builder.add("444455556666", "debian-12-arm64 Debian 12 team data");
    builder.add("444455556666", "al2023-ami-ecs Amazon Linux 2023 amazon");
    return builder.build(new int[] {3, 2, 1, 0});
  }

  private static List<Integer> positions(long[] bits) {
    List<Integer> positions = new java.util.ArrayList<>();
    for (int p = Bits.next(bits, 0); p >= 0; p = Bits.next(bits, p + 1)) positions.add(p);
    return positions;
  }

  private static List<Integer> search(TextIndex index, String text) {
    return positions(index.match(TextSearch.words(text)));
  }

  @Test
  void everyWordMustMatchAndTheLastTermOfAWordIsAPrefix() {
    TextIndex index = small();
    assertThat(search(index, "ecs")).containsExactly(0, 3);
    assertThat(search(index, "am")).containsExactly(0, 3);           // amazon, ami, amzn2
    assertThat(search(index, "amazon 2023")).containsExactly(0);
    assertThat(search(index, "amzn2-ec")).containsExactly(3);          // amzn2 exact, then ec*
    assertThat(search(index, "team DEB")).containsExactly(1);
    assertThat(search(index, "2")).containsExactly(3);                // one character: the term "2" only
    assertThat(search(index, "24")).containsExactly(2);
    assertThat(search(index, "12")).containsExactly(1);
    assertThat(search(index, "ecs nothing")).isEmpty();
    assertThat(search(index, "zzz")).isEmpty();
    assertThat(positions(index.owner("444455556666"))).containsExactly(0, 1);
    assertThat(positions(index.owner("999999999999"))).isEmpty();
    assertThat(search(index, "111122223333")).isEmpty();               // an account id is not a word of the text
  }

  /** The feeds filter with FTS5 (TextSearch.ftsMatch): they must mean what the search means. */
  @Test
  void wordsFindWhatSqliteFullTextSearchFindsInRealImages() {
    try (Database db = Database.open(dir.resolve("c.db"))) {
      TestApp.load(db, List.of(new SnapshotImageSource.Snapshot("eu-west-1", "eu-west-1",
          () -> getClass().getResourceAsStream("/demo/eu-west-1.json.gz"))));
      FacetIndex index = FacetIndex.build(db);
      for (String text : List.of("ecs", "amzn2", "am", "ubuntu", "hvm", "x86", "ebs", "2025", "kernel", "windows",
          "server", "deep", "neuron", "sql", "gpu", "fedora", "linux", "x86_64", "amzn2-ami-ecs", "Amazon Linux 2023",
          "windows server 2012 eng", "al2023-ami-ecs-hvm-2023.0", "AMAZON/amzn2-ami-ecs-hvm-2.0", "fedora-coreos-4")) {
        TextSearch search = TextSearch.of(text);
        int fts = db.read(h -> h.createQuery("SELECT count(*) FROM images_fts WHERE images_fts MATCH :m")
            .bind("m", search.ftsMatch()).mapTo(Integer.class).one());
        assertThat(Bits.count(index.text.match(search.words()))).as(text).isEqualTo(fts).isPositive();
      }
    }
  }
}
