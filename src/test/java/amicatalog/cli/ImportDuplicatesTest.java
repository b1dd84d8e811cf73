package amicatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.Main;
import amicatalog.common.Json;
import amicatalog.db.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ami-catalog import` of a describe-images file that lists image ids twice (as a file joined from
 * two listings does): the region imports, the last record of each id is kept, and the summary says
 * how many records repeated an id. Before, one repeat failed the whole region (exit 1, nothing stored).
 */
class ImportDuplicatesTest {
  @TempDir Path dir;

  @Test
  void repeatedIdsAreCountedTheLastRecordKeptAndTheRegionImported() throws Exception {
    ArrayNode images = Json.MAPPER.createArrayNode();
    try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/demo/eu-west-1.json.gz"))) {
      Json.MAPPER.readTree(in).path("Images").forEach(images::add);
    }
    int distinct = images.size();
    assertThat(distinct).isGreaterThan(1_100);
    // One id repeated within the first page of 1,000 records, one repeated a page later.
    String samePage = images.get(3).path("ImageId").asText(), laterPage = images.get(0).path("ImageId").asText();
    images.insert(10, ((ObjectNode) images.get(3).deepCopy()).put("Name", "renamed-in-the-same-page"));
    images.insert(1_100, ((ObjectNode) images.get(0).deepCopy()).put("Description", "described again a page later"));
    Path file = dir.resolve("eu-west-1.json");
    Files.writeString(file, Json.write(Map.of("Images", images)));
    Path db = dir.resolve("c.db");

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = Main.execute("import", "--db", db.toString(), file.toString());
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(output).isZero();
    assertThat(output).contains("2 records repeated an image id already listed: the last of each was kept")
        .contains(String.format("done: %,d images", distinct));
    try (Database catalog = Database.open(db)) {
      int stored = catalog.read(h -> h.createQuery("SELECT count(*) FROM images").mapTo(Integer.class).one());
      assertThat(stored).isEqualTo(distinct);
      assertThat(text(catalog, "SELECT name FROM images WHERE image_id = ?", samePage)).isEqualTo("renamed-in-the-same-page");
      assertThat(text(catalog, "SELECT description FROM images WHERE image_id = ?", laterPage)).isEqualTo("described again a page later");
      JsonNode listing = Json.read(catalog.read(h -> h.createQuery(
          "SELECT json_object('status', status, 'seen', seen, 'duplicates', duplicates) FROM sync_listings").mapTo(String.class).one()));
      assertThat(listing.path("status").asText()).isEqualTo("ok");
      assertThat(listing.path("seen").asInt()).isEqualTo(distinct);
      assertThat(listing.path("duplicates").asInt()).isEqualTo(2);
    }
  }

  private static String text(Database db, String sql, String arg) {
    return db.read(h -> h.createQuery(sql).bind(0, arg).mapTo(String.class).one());
  }
}
