package amicatalog.image;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.db.Dialect;
import amicatalog.testing.PostgresServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The feeds' words mean the same on both stores: SQLite's FTS5 table and PostgreSQL's tsvector table
 * (each kept by its triggers for the images with history) find the same images for the same search.
 */
class TextSearchStoresTest {
  @TempDir static Path dir;
  static Database sqlite;
  static Jdbi postgres;

  /** name, description, owner alias, tags text; the last has no history, so no feed shows it. */
  private static final List<List<String>> IMAGES = List.of(
      List.of("amzn2-ami-ecs-hvm-2.0.2024-x86_64-ebs", "Amazon Linux 2 ECS optimized", "amazon", "Team platform"),
      List.of("al2023-ami-2023.6.20241010.0-kernel-6.1-arm64", "Amazon Linux 2023 AMI", "amazon", ""),
      List.of("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server", "Canonical, Ubuntu, 24.04, noble numbat", "", "Name web"),
      List.of("bottlerocket-aws-k8s-1.30-nvidia-x86_64-v1.26.0", "Bottlerocket OS for k8s with GPU", "amazon", ""),
      List.of("web-base-1.4-gpu", "web base image", "", "Channel prod"));

  @BeforeAll
  static void theSameImagesInBoth() {
    sqlite = Database.open(dir.resolve("catalog.db"));
    postgres = PostgresServer.get().newCatalog();
    for (int i = 0; i < IMAGES.size(); i++) {
      int row = i + 1;
      boolean history = i < IMAGES.size() - 1;
      sqlite.write(h -> insert(h, row, history));
      postgres.useHandle(h -> insert(h, row, history));
    }
  }

  private static int insert(Handle h, int row, boolean history) {
    List<String> text = IMAGES.get(row - 1);
    h.execute("INSERT INTO images (id, region, image_id, name, description, owner_alias, tags_text, category, content_hash,"
        + " first_seen, last_changed) VALUES (?, 'eu-west-1', ?, ?, ?, ?, ?, 'public', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        row, "ami-0" + row, text.get(0), text.get(1), text.get(2).isEmpty() ? null : text.get(2), text.get(3));
    return history ? h.execute("INSERT INTO image_events (image_row, at, kind) VALUES (?, '2026-01-02T00:00:00Z', 'appeared')", row) : 0;
  }

  @AfterAll
  static void close() {
    sqlite.close();
  }

  private static List<Integer> found(Dialect d, String q) {
    Map<String, Object> values = new LinkedHashMap<>();
    // As a feed reads them: the images that have events.
    String sql = "SELECT id FROM images WHERE id IN (SELECT image_row FROM image_events) AND "
        + TextSearch.of(q).condition(d, "images.id", "words", values) + " ORDER BY id";
    org.jdbi.v3.core.HandleCallback<List<Integer>, RuntimeException> query =
        h -> h.createQuery(sql).bindMap(values).mapTo(Integer.class).list();
    return d == Dialect.SQLITE ? sqlite.read(query) : postgres.withHandle(query);
  }

  @ParameterizedTest
  @ValueSource(strings = {"amazon", "amzn2-ec", "linux 2023", "\"noble numbat\"", "\"numbat noble\"", "ubuntu -noble",
      "k8s OR ecs", "NOT amazon", "x86_64", "gpu", "24.04", "web", "platform", "canonical ubuntu noble", "Kernel-6.1"})
  void bothStoresFindTheSameImages(String q) {
    List<Integer> onSqlite = found(Dialect.SQLITE, q);
    assertThat(found(Dialect.POSTGRESQL, q)).as(q).isEqualTo(onSqlite);
    assertThat(onSqlite).as("an image without history is in no feed").doesNotContain(IMAGES.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"amazon", "amzn2-ec", "\"noble numbat\"", "k8s OR ecs"})
  void theSearchesFindSomething(String q) {
    assertThat(found(Dialect.POSTGRESQL, q)).as(q).isNotEmpty();
  }
}
