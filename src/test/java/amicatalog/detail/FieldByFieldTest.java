package amicatalog.detail;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.image.ImageRecord;
import amicatalog.testing.Ec2Xml;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog gives back what it was given: real describe-images files (the bundled demo's, which
 * are the real records of src/main/resources/demo/PROVENANCE.md in describe-images' shape) and a
 * file of the rarer fields, imported through the import path, then every field of
 * /api/images/{region}/{id} compared with the file's record: 0 mismatches.
 *
 * <p>What "the same" means, and nothing looser: a field the file has is in the API with an equal
 * JSON value (objects regardless of key order); a field the file lacks (or gives as an empty list)
 * is null in the API; tags, which EC2 treats as a set of keys, are compared as key → value; a time
 * the file gave in another shape than AWS's must be the same instant, its text kept in
 * catalog.timesAsGiven (none of these files has such a time).
 */
@OnBothStores
class FieldByFieldTest {
  static final Set<String> TIMES = Set.of("CreationDate", "DeprecationTime", "LastLaunchedTime");
  static final String EDGE_REGION = "sa-east-1";

  static Path dir;
  static TestApp app;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("field-by-field-");
    app = TestApp.start(dir, EDGE_REGION, Ec2Xml.resource("/fixtures/describe-images-edge.json"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void everyFieldOfEveryImportedImageComesBackFromTheApiUnchanged() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int images = 0, fields = 0;
    Map<String, JsonNode> files = new TreeMap<>();
    // Amazon's images (eu-west-1; us-east-1 holds the same kinds) and Fedora's (ap-southeast-6).
    for (String region : List.of("eu-west-1", "ap-southeast-6")) files.put(region, demoFile(region));
    files.put(EDGE_REGION, Json.read(Ec2Xml.resource("/fixtures/describe-images-edge.json")));

    for (Map.Entry<String, JsonNode> file : files.entrySet()) {
      for (JsonNode source : file.getValue().path("Images")) {
        String path = "/api/images/" + file.getKey() + "/" + source.path("ImageId").asText();
        HttpResponse<String> answer = app.get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        JsonNode api = Json.read(answer.body());
        fields += compare(path, source, api.path("image"), api.path("catalog"), mismatches);
        images++;
      }
    }

    System.out.printf("field by field: %,d images, %,d fields compared, %d mismatches%n", images, fields, mismatches.size());
    // eu-west-1: 2,200 since each AMI id of moto's amis.json is in one region (its 34 getting-started records here).
    assertThat(images).isEqualTo(2_200 + 160 + 3);
    assertThat(mismatches.subList(0, Math.min(20, mismatches.size())))
        .as("%,d mismatches; the first 20", mismatches.size()).isEmpty();
  }

  /**
   * Adds one line per field of {@code api} (the API's image object) that differs from {@code source}
   * (the file's record); answers how many fields were compared.
   */
  static int compare(String where, JsonNode source, JsonNode api, JsonNode catalog, List<String> mismatches) {
    Set<String> fields = new TreeSet<>();
    source.fieldNames().forEachRemaining(fields::add);
    api.fieldNames().forEachRemaining(fields::add);
    fields.addAll(ImageRecord.EC2_FIELDS);
    for (String f : fields) {
      JsonNode s = source.get(f), a = api.get(f);
      String problem;
      if (a == null) {
        problem = "missing from the API";
      } else if (f.equals("Tags")) {
        problem = tags(s).equals(tags(a)) ? null : "tags " + tags(a) + " but the file says " + tags(s);
      } else if (absent(s)) {
        problem = a.isNull() ? null : a + " but the file has none";
      } else if (TIMES.contains(f) && !s.equals(a)) {
        boolean sameInstant = a.isTextual() && Instant.parse(a.asText()).equals(java.time.OffsetDateTime.parse(s.asText()).toInstant());
        problem = sameInstant && s.asText().equals(catalog.path("timesAsGiven").path(f).asText(null)) ? null
            : a + " but the file says " + s;
      } else {
        problem = s.equals(a) ? null : a + " but the file says " + s;
      }
      if (problem != null) mismatches.add(where + " " + f + ": " + problem);
    }
    return fields.size();
  }

  private static boolean absent(JsonNode v) {
    return v == null || v.isNull() || (v.isArray() && v.isEmpty());
  }

  private static Map<String, String> tags(JsonNode list) {
    Map<String, String> tags = new TreeMap<>();
    if (list != null) for (JsonNode t : list) tags.put(t.path("Key").asText(), t.path("Value").asText());
    return tags;
  }

  private static JsonNode demoFile(String region) throws IOException {
    try (InputStream in = new GZIPInputStream(FieldByFieldTest.class.getResourceAsStream("/demo/" + region + ".json.gz"))) {
      return Json.MAPPER.readTree(in);
    }
  }
}
