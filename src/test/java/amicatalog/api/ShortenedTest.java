package amicatalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The /api page's examples: a real answer cut to its shape stays JSON, and says what it left out. */
class ShortenedTest {
  static final String SEARCH = """
      {"total": 3, "page": 1, "facets": {"arch": [{"value": "arm64", "count": 2, "selected": true},
        {"value": "x86_64", "count": 1, "selected": false}]},
       "images": [{"image": {"ImageId": "ami-1", "Name": "a \\"quoted\\" name", "Tags": [{"Key": "k", "Value": "v"}],
          "Description": "a description long enough that the object it is in cannot stay on one line of the page"},
         "catalog": {"region": "eu-west-1"}}, {"image": {"ImageId": "ami-2"}}, {"image": {"ImageId": "ami-3"}}],
       "ignored": []}""";

  static SelfRequests.Answer answer(String text) {
    return new SelfRequests.Answer(200, "application/json", text, true, null);
  }

  @Test
  void listsKeepTheirFirstItemAndSayHowManyMore() {
    Shortened.Text shown = Shortened.of(Endpoint.Format.JSON, answer(SEARCH));
    JsonNode back = Json.read(shown.text());
    assertThat(back.path("images")).hasSize(2);
    assertThat(back.path("images").get(0).path("image").path("Name").asText()).isEqualTo("a \"quoted\" name");
    assertThat(back.path("images").get(1).asText()).isEqualTo("… 2 more");
    assertThat(back.path("facets").path("arch").get(1).asText()).isEqualTo("… 1 more");
    assertThat(back.path("ignored")).isEmpty();
    assertThat(shown.note()).startsWith("Shortened");
  }

  @Test
  void smallObjectsStayOnOneLineAndNoLineIsLong() {
    String text = Shortened.of(Endpoint.Format.JSON, answer(SEARCH)).text();
    assertThat(text).contains("\"arch\": [{\"value\": \"arm64\", \"count\": 2, \"selected\": true}, \"… 1 more\"]")
        .contains("\"Tags\": [{\"Key\": \"k\", \"Value\": \"v\"}]");
    List<String> lines = text.lines().toList();
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(Shortened.WIDTH + 20));
    assertThat(lines.get(0)).isEqualTo("{");
  }

  @Test
  void aWholeAnswerIsNotSaidToBeShortened() {
    Shortened.Text shown = Shortened.of(Endpoint.Format.JSON, answer("{\"status\": \"ok\", \"images\": 3}"));
    assertThat(shown.note()).isNull();
    assertThat(shown.text()).isEqualTo("{\"status\": \"ok\", \"images\": 3}");
  }

  @Test
  void csvAndTextKeepTheirFirstLines() {
    String csv = "region,image_id\r\n" + "eu-west-1,ami-1\r\n".repeat(20);
    Shortened.Text shown = Shortened.of(Endpoint.Format.CSV, answer(csv));
    assertThat(shown.text().lines()).hasSize(Shortened.CSV_ROWS + 2).first().isEqualTo("region,image_id");
    assertThat(shown.note()).isEqualTo("Shortened: the first 6 lines; 15 more lines follow.");
    Shortened.Text cut = Shortened.of(Endpoint.Format.CSV, new SelfRequests.Answer(200, "text/csv", csv, false, null));
    assertThat(cut.note()).endsWith("more lines follow.");
  }

  @Test
  void atomIsIndentedAndAnythingThatDoesNotParseIsShownAsItCame() {
    String feed = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><title>e</title></entry></feed>";
    assertThat(Shortened.indentedXml(feed)).contains("\n  <title>t</title>").contains("\n    <title>e</title>");
    assertThat(Shortened.indentedXml("<feed><title>cut off")).isEqualTo("<feed><title>cut off");
    String entity = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
    assertThat(Shortened.indentedXml(entity)).isEqualTo(entity);  // no DTD is read
  }
}
