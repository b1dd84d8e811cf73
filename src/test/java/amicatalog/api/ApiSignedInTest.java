package amicatalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.auth.ApiTokens;
import amicatalog.auth.Users;
import amicatalog.common.Json;
import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.web.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api on a catalog with sign-in: the examples are asked with the reader's own sign-in (cookie or
 * token), the snippets send a token from the environment, and with a real token they work.
 */
@OnBothStores
class ApiSignedInTest {
  @TempDir static Path dir;
  static TestApp app;
  static String token;

  @BeforeAll
  static void start() {
    app = TestApp.startSignedIn(dir, null, Map.of("vera", Role.VIEWER));
    token = new ApiTokens(app.db).create(new Users(app.db).find("vera").orElseThrow().id(), "terraform");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aViewerSeesRealAnswersAndSnippetsThatSendAToken() {
    FormSession vera = new FormSession(app);
    assertThat(vera.signIn("vera", TestApp.PASSWORD).statusCode()).isEqualTo(303);
    Document page = vera.page("/api");
    assertThat(page.getElementById("api-token").text()).contains("Authorization: Bearer").contains("user token");
    assertThat(page.getElementById("api-open")).isNull();

    Element latest = page.getElementById("latest");
    assertThat(latest.selectFirst(".api-status").text()).as("asked with vera's session").startsWith("HTTP 200");
    String imageId = Json.read(latest.selectFirst("pre.api-answer").wholeText()).path("imageIds").path("eu-west-1").asText();
    assertThat(imageId).startsWith("ami-");
    String curl = latest.selectFirst("pre.snippet-curl").wholeText();
    assertThat(curl).contains("-H \"Authorization: Bearer $AMI_CATALOG_TOKEN\"");
    assertThat(latest.selectFirst("pre.snippet-terraform").wholeText()).contains("variable \"ami_catalog_token\"")
        .contains("Authorization = \"Bearer ${var.ami_catalog_token}\"");
    assertThat(latest.selectFirst("pre.snippet-shell").wholeText()).contains("Bearer $AMI_CATALOG_TOKEN");

    HttpResponse<String> withToken = ApiPageTest.run(app, curl, token);
    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(Json.read(withToken.body()).path("imageIds").path("eu-west-1").asText()).isEqualTo(imageId);
    assertThat(ApiPageTest.run(app, curl, "").statusCode()).as("without the token").isEqualTo(401);

    // /health is open to all: its snippet sends no token.
    assertThat(page.getElementById("health").selectFirst("pre.snippet-curl").wholeText()).doesNotContain("Authorization");
    // Every example was asked as vera: none was refused.
    assertThat(page.select(".api-status").eachText()).allSatisfy(s -> assertThat(s).startsWith("HTTP 200"));
  }

  @Test
  void aScriptWithATokenReadsThePageAndTheOpenApiDocumentSaysHowToAuthenticate() {
    HttpResponse<String> page = app.send(HttpRequest.newBuilder(URI.create(app.url("/api")))
        .header("Authorization", "Bearer " + token).build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(page.body()).select(".api-status").eachText()).allSatisfy(s -> assertThat(s).startsWith("HTTP 200"));

    assertThat(app.get("/api/openapi.json").statusCode()).as("anonymous").isEqualTo(401);
    var doc = Json.read(app.send(HttpRequest.newBuilder(URI.create(app.url("/api/openapi.json")))
        .header("Authorization", "Bearer " + token).build()).body());
    assertThat(doc.path("components").path("securitySchemes").path("token").path("scheme").asText()).isEqualTo("bearer");
    assertThat(doc.path("security").get(0).has("token")).isTrue();
    assertThat(doc.path("paths").path("/health").path("get").path("security")).as("open to all").isEmpty();
    assertThat(doc.path("paths").path("/api/latest").path("get").path("responses").has("401")).isTrue();
  }
}
