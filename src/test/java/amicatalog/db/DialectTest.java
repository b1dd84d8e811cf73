package amicatalog.db;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each dialect's fragments give the same answers on their store, each store migrated to today's schema. */
class DialectTest {
  @TempDir static Path dir;
  static Database sqlite;
  static Jdbi postgres;

  private static final String[] IMAGES = {"ami-0a", "ami-0b", "ami-quote'd", "ami-ünïcode"};
  /** Names for the GLOB test, in another region. */
  private static final List<String> NAMES = List.of("al2023-ami-2023.6.2-x86_64", "AL2023-ami-x", "al2023-ami-minimal-arm64",
      "al2023+ami(1)", "web-base-[prod]-1.0", "web-base-p-1.0", "c:\\images\\win", "a.b", "axb", "");

  @BeforeAll
  static void storesWithTheSameImages() {
    sqlite = Database.open(dir.resolve("catalog.db"));
    postgres = PostgresServer.get().newCatalog();
    for (int i = 0; i < IMAGES.length; i++) {
      int row = i + 1;
      String image = IMAGES[i];
      sqlite.write(h -> insert(h, row, image));
      postgres.useHandle(h -> insert(h, row, image));
    }
    for (int i = 0; i < NAMES.size(); i++) {
      int row = 101 + i;
      String name = NAMES.get(i);
      String named = "INSERT INTO images (id, region, image_id, name, category, content_hash, first_seen, last_changed)"
          + " VALUES (?, 'ap-south-1', ?, ?, 'public', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')";
      sqlite.write(h -> h.execute(named, row, "ami-glob-" + row, name));
      postgres.useHandle(h -> h.execute(named, row, "ami-glob-" + row, name));
    }
  }

  private static int insert(Handle h, int row, String image) {
    return h.execute("INSERT INTO images (id, region, image_id, category, content_hash, first_seen, last_changed)"
        + " VALUES (?, 'eu-west-1', ?, 'public', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", row, image);
  }

  @AfterAll
  static void close() {
    sqlite.close();
  }

  private static List<String> on(Dialect d, org.jdbi.v3.core.HandleCallback<List<String>, RuntimeException> query) {
    return d == Dialect.SQLITE ? sqlite.read(query) : postgres.withHandle(query);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aListOfTextsIsOneBoundValue(Dialect d) {
    String sql = "SELECT image_id FROM images WHERE image_id " + d.inTexts(":ids") + " ORDER BY id";
    List<String> found = on(d, h -> {
      assertThat(Dialect.of(h)).isEqualTo(d);
      return h.createQuery(sql).bind("ids", Json.write(List.of("ami-0b", "ami-quote'd", "ami-ünïcode", "ami-none")))
          .mapTo(String.class).list();
    });
    assertThat(found).containsExactly("ami-0b", "ami-quote'd", "ami-ünïcode");
    assertThat(on(d, h -> h.createQuery(sql).bind("ids", "[]").mapTo(String.class).list())).isEmpty();
    String notIn = "SELECT image_id FROM images WHERE region = 'eu-west-1' AND image_id NOT " + d.inTexts("?") + " ORDER BY id";
    assertThat(on(d, h -> h.createQuery(notIn).bind(0, Json.write(List.of("ami-0a"))).mapTo(String.class).list()))
        .containsExactly("ami-0b", "ami-quote'd", "ami-ünïcode");
  }

  /** A list of tuples, each element's texts by position; its key tells equal elements apart. */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aListOfTuplesJoinsAsATable(Dialect d) {
    String sql = "SELECT p.value ->> 1 || ':' || count(i.id) FROM " + d.tuples(":pairs", "p")
        + " LEFT JOIN images i ON i.region = p.value ->> 0 AND i.image_id = p.value ->> 1"
        + " GROUP BY p.key, p.value ORDER BY p.key";
    String pairs = Json.write(List.of(List.of("eu-west-1", "ami-ünïcode"), List.of("us-east-1", "ami-0a"),
        List.of("eu-west-1", "ami-ünïcode")));
    assertThat(on(d, h -> h.createQuery(sql).bind("pairs", pairs).mapTo(String.class).list()))
        .containsExactly("ami-ünïcode:1", "ami-0a:0", "ami-ünïcode:1");
    String texts = "SELECT r.value || '/' || count(i.id) FROM " + d.texts("?", "r")
        + " LEFT JOIN images i ON i.image_id = r.value GROUP BY r.value ORDER BY r.value";
    assertThat(on(d, h -> h.createQuery(texts).bind(0, Json.write(List.of("ami-0b", "ami-x"))).mapTo(String.class).list()))
        .containsExactly("ami-0b/1", "ami-x/0");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void valuesAggregateAsTheTextOfAJsonArray(Dialect d) {
    String sql = "SELECT " + d.jsonArrayOf("image_id") + " FROM images WHERE id " + d.inNumbers("?");
    List<String> some = on(d, h -> h.createQuery(sql).bind(0, "[1, 3]").mapTo(String.class).list());
    assertThat(Json.read(some.get(0))).isEqualTo(Json.read(Json.write(List.of("ami-0a", "ami-quote'd"))));
    assertThat(on(d, h -> h.createQuery(sql).bind(0, "[]").mapTo(String.class).list())).containsExactly("[]");
  }

  /** The same names match a GLOB on both stores: wildcards, classes, and characters a regular expression would read. */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aGlobMatchesTheSameNames(Dialect d) {
    String sql = "SELECT name FROM images WHERE region = 'ap-south-1' AND " + d.matches("name", ":p") + " ORDER BY id";
    java.util.function.Function<String, List<String>> match = glob ->
        on(d, h -> h.createQuery(sql).bind("p", d.pattern(glob)).mapTo(String.class).list());
    assertThat(match.apply("al2023-ami-*")).containsExactly("al2023-ami-2023.6.2-x86_64", "al2023-ami-minimal-arm64");
    assertThat(match.apply("al2023-ami-2023.?.2-*")).containsExactly("al2023-ami-2023.6.2-x86_64");
    assertThat(match.apply("al2023+ami(1)")).containsExactly("al2023+ami(1)");
    assertThat(match.apply("web-base-[[]prod]-*")).containsExactly("web-base-[prod]-1.0");
    assertThat(match.apply("web-base-[^[]*")).containsExactly("web-base-p-1.0");
    assertThat(match.apply("a.b")).containsExactly("a.b");
    assertThat(match.apply("[ab][.x]b")).containsExactly("a.b", "axb");
    assertThat(match.apply("c:\\images\\*")).containsExactly("c:\\images\\win");
    // Read as SQLite reads them: ']' first in a class is a member, a range, a reversed range, a class never closed.
    assertThat(match.apply("web-base-[]p[]-*")).containsExactly("web-base-p-1.0");
    assertThat(match.apply("web-base-[]-[]prod]-1.0")).containsExactly("web-base-[prod]-1.0");
    assertThat(match.apply("[a-c]xb")).containsExactly("axb");
    assertThat(match.apply("[a-0]xb")).containsExactly("axb");
    assertThat(match.apply("web-base-[prod")).isEmpty();
    assertThat(match.apply("[[:alpha:]]*")).isEmpty();
    assertThat(match.apply("*")).hasSize(NAMES.size());
    assertThat(match.apply("?*")).hasSize(NAMES.size() - 1);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aListOfRowIdsIsOneBoundValue(Dialect d) {
    String sql = "SELECT image_id FROM images WHERE id " + d.inNumbers("?") + " ORDER BY id";
    assertThat(on(d, h -> h.createQuery(sql).bind(0, Json.write(List.of(4L, 2L, 99L))).mapTo(String.class).list()))
        .containsExactly("ami-0b", "ami-ünïcode");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void rowIdsJoinAsATable(Dialect d) {
    String sql = "SELECT i.image_id FROM " + d.numbers("?", "r") + " JOIN images i ON i.id = r.value ORDER BY i.id";
    assertThat(on(d, h -> h.createQuery(sql).bind(0, Json.write(List.of(4L, 2L, 99L))).mapTo(String.class).list()))
        .containsExactly("ami-0b", "ami-ünïcode");
  }

  /** Now in UTC, as the catalog writes times: it sorts as text against them, to the millisecond. */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void nowIsWrittenAsTheCatalogWritesTimes(Dialect d) {
    java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    String now = on(d, h -> h.createQuery("SELECT " + d.utcNow()).mapTo(String.class).list()).get(0);
    assertThat(now).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(java.time.Instant.parse(now)).isBetween(before.minusSeconds(5), java.time.Instant.now());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void separatorsAndExactContainment(Dialect d) {
    String sql = "SELECT concat_ws(" + d.character(31) + ", 'a', 'b') || " + d.character(30);
    assertThat(on(d, h -> h.createQuery(sql).mapTo(String.class).list())).containsExactly("a\u001fb\u001e");
    String holds = "SELECT image_id FROM images WHERE " + d.holds("name", "?") + " ORDER BY id";
    assertThat(on(d, h -> h.createQuery(holds).bind(0, "[prod]").mapTo(String.class).list())).containsExactly("ami-glob-105");
    assertThat(on(d, h -> h.createQuery(holds).bind(0, "a%b").mapTo(String.class).list())).as("no wildcards").isEmpty();
    assertThat(on(d, h -> h.createQuery(holds).bind(0, "a.b").mapTo(String.class).list())).containsExactly("ami-glob-108");
  }
}
