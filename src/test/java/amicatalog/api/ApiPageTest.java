package amicatalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api and /api/openapi.json on the demo catalog: every route for scripts that the running app
 * registers is on both; the page's examples are real answers of this catalog, and its snippets,
 * run as a script would run them, get those answers.
 */
@OnBothStores
class ApiPageTest {
  /** The curl snippet's URL, between its single quotes. */
  static final Pattern CURL_URL = Pattern.compile("curl -fsS .*'([^']+)'");

  @TempDir static Path dir;
  static TestApp app;
  static Document page;
  static JsonNode openApi;

  @BeforeAll
  static void start() {
    app = TestApp.startDemo(dir);
    HttpResponse<String> response = app.get("/api");
    assertThat(response.statusCode()).isEqualTo(200);
    page = Jsoup.parse(response.body(), app.url("/api"));
    HttpResponse<String> doc = app.get("/api/openapi.json");
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    openApi = Json.read(doc.body());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The GET routes of the running app, path parameters filled in as a caller would. */
  static List<ParsedEndpoint> getRoutes() {
    return app.app.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> e.endpoint.method == HandlerType.GET).toList();
  }

  static String filled(String path) {
    return path.replace("{region}", "eu-west-1").replace("{imageId}", "ami-0badc0ffee0000001")
        .replace("{instanceId}", "i-0123456789abcdef0").replace("{id}", "1")
        .replace("{owner}", "amazon").replace("<family>", "amzn2-ami-ecs-hvm-*-arm64-ebs")
        .replace("{file}", "app.css");
  }

  /**
   * The routes a script would call: by their path (/api/…, a file name: a feed's .atom, not the page
   * that says how to subscribe to it), or because
   * what they answer is not a page (JSON, CSV, Atom, text), whatever the path says.
   */
  static Set<String> scriptRoutes() {
    Set<String> routes = new TreeSet<>();
    for (ParsedEndpoint e : getRoutes()) {
      String path = e.endpoint.path;
      if (path.startsWith("/static/")) continue;  // the pages' own CSS, scripts and icon: not for scripts
      if (path.startsWith("/api/") || path.matches(".*\\.(csv|json|atom)$")) {
        routes.add(path);
        continue;
      }
      HttpResponse<String> answer = app.get(filled(path));
      String type = answer.headers().firstValue("Content-Type").orElse("");
      if (answer.statusCode() / 100 != 3 && !type.startsWith("text/html")) routes.add(path);
    }
    return routes;
  }

  @Test
  void everyRouteForScriptsIsOnThePageAndInTheOpenApiDocument() {
    Set<String> routes = scriptRoutes();
    assertThat(routes).as("the app's routes for scripts").contains("/api/latest", "/api/images", "/audit.csv",
        "/feeds/family.atom", "/health", "/metrics", "/api/openapi.json").hasSizeGreaterThanOrEqualTo(12);
    Set<String> documented = new TreeSet<>();
    openApi.path("paths").fieldNames().forEachRemaining(documented::add);
    assertThat(documented).as("openapi.json's paths").isEqualTo(routes);
    Set<String> onPage = new TreeSet<>(page.select("section.api-endpoint").eachAttr("data-path"));
    assertThat(onPage).as("the /api page's endpoints").isEqualTo(routes);
    // Each is in the page's table of contents too.
    assertThat(page.select("nav.api-toc a").eachAttr("href")).hasSize(routes.size());
  }

  @Test
  void theOpenApiDocumentIsOpenApi3() {
    assertThat(openApi.path("openapi").asText()).startsWith("3.0.");
    assertThat(openApi.path("info").path("title").asText()).isEqualTo("AMI Catalog");
    assertThat(openApi.path("info").path("version").isTextual()).isTrue();
    assertThat(openApi.path("servers").get(0).path("url").asText()).isEqualTo(app.base.toString());
    Set<String> operationIds = new HashSet<>();
    openApi.path("paths").fields().forEachRemaining(path -> {
      String where = path.getKey();
      assertThat(path.getValue().size()).as(where + ": GET only").isEqualTo(1);
      JsonNode get = path.getValue().path("get");
      assertThat(operationIds.add(get.path("operationId").asText())).as(where + ": a unique operationId").isTrue();
      assertThat(get.path("summary").asText()).as(where).isNotBlank();
      Set<String> inPath = new HashSet<>();
      Matcher braces = Pattern.compile("\\{(\\w+)}").matcher(where);
      while (braces.find()) inPath.add(braces.group(1));
      Set<String> pathParams = new HashSet<>();
      for (JsonNode p : get.path("parameters")) {
        String name = where + " " + p.path("name").asText();
        assertThat(p.path("name").asText()).as(name).isNotBlank();
        assertThat(p.path("in").asText()).as(name).isIn("query", "path");
        assertThat(p.path("description").asText()).as(name).isNotBlank();
        JsonNode schema = p.path("schema");
        assertThat(schema.path("type").asText()).as(name).isIn("string", "integer", "array");
        if (schema.path("type").asText().equals("array")) {
          assertThat(schema.path("items").path("type").asText()).as(name).isIn("string", "integer");
          assertThat(p.path("in").asText()).as(name + ": only a query parameter repeats").isEqualTo("query");
        }
        if (p.path("in").asText().equals("path")) {
          assertThat(p.path("required").asBoolean()).as(name + ": a path parameter is required").isTrue();
          pathParams.add(p.path("name").asText());
        }
      }
      assertThat(pathParams).as(where + ": its path parameters").isEqualTo(inPath);
      JsonNode responses = get.path("responses");
      assertThat(responses.path("200").path("description").asText()).as(where).isNotBlank();
      assertThat(responses.path("200").path("content").size()).as(where + ": says what it answers").isEqualTo(1);
      responses.fields().forEachRemaining(r -> {
        assertThat(r.getKey()).as(where).matches("[1-5]\\d\\d");
        r.getValue().path("content").forEach(media -> assertThat(media.has("schema")).as(where + " " + r.getKey()).isTrue());
        r.getValue().path("content").findValues("$ref").forEach(ref ->
            assertThat(openApi.at(ref.asText().substring(1)).isObject()).as(ref.asText()).isTrue());
      });
    });
  }

  @Test
  void everyValueTheDocumentListsIsAcceptedAndOthersAreRefused() {
    // The description is checked against the handlers: each choice it names is taken (no 400).
    for (Endpoint e : Endpoints.ALL) {
      String example = e.example().apply(Sample.find(app.db)).url();
      for (Endpoint.Param p : e.params()) {
        for (String value : p.choices()) {
          String url = example + (example.contains("?") ? "&" : "?") + p.name() + "=" + value;
          assertThat(app.get(url).statusCode()).as(url).isNotEqualTo(400);
        }
      }
    }
    assertThat(app.get("/api/latest?owner=amazon&name=x&arch=sparc").statusCode()).isEqualTo(400);
    assertThat(app.get("/api/images?sort=size").statusCode()).isEqualTo(400);
    assertThat(app.get("/api/images?page=" + (Endpoints.LAST_PAGE + 1)).statusCode()).isEqualTo(400);
    assertThat(app.get("/api/images?per=" + Endpoints.MOST_PER_PAGE).statusCode()).isEqualTo(200);
    assertThat(app.get("/api/images?per=" + (Endpoints.MOST_PER_PAGE + 1)).statusCode()).isEqualTo(400);
    assertThat(app.get("/feeds/family.atom?owner=amazon&family=x&kind=born").statusCode()).isEqualTo(400);
    assertThat(app.get("/audit.csv?category=secret").statusCode()).isEqualTo(400);
  }

  @Test
  void theLatestExampleIsAmazonLinux2023AndItsCurlSnippetAnswersTheSame() {
    String newest = app.db.read(h -> h.createQuery("""
            SELECT image_id FROM images WHERE region = 'eu-west-1' AND owner_alias = 'amazon'
              AND %s AND removed_at IS NULL
            ORDER BY creation_date DESC LIMIT 1""".formatted(TestStores.glob(app.db, "name", "al2023-ami-2023.*-kernel-6.1-arm64")))
        .mapTo(String.class).one());
    Element latest = page.getElementById("latest");
    assertThat(latest.selectFirst("a.api-example").attr("href"))
        .isEqualTo("/api/latest?owner=amazon&name=al2023-ami-2023.*-kernel-6.1-arm64");
    assertThat(latest.selectFirst(".api-status").text()).startsWith("HTTP 200 · application/json");
    JsonNode shown = Json.read(latest.selectFirst("pre.api-answer").wholeText());
    assertThat(shown.path("imageIds").path("eu-west-1").asText()).isEqualTo(newest);
    assertThat(shown.path("images").get(0).path("name").asText()).startsWith("al2023-ami-2023.");

    String curl = latest.selectFirst("pre.snippet-curl").wholeText();
    assertThat(curl).doesNotContain("Authorization");
    HttpResponse<String> answer = run(curl);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(Json.read(answer.body()).path("imageIds").path("eu-west-1").asText()).isEqualTo(newest);

    assertThat(latest.selectFirst("pre.snippet-shell").wholeText()).contains(url(curl))
        .endsWith("| jq -r '.imageIds[\"eu-west-1\"]'");
    assertThat(latest.selectFirst("pre.snippet-terraform").wholeText())
        .contains("data \"http\" \"ami_latest\" {\n  url = \"" + url(curl) + "\"")
        .contains("ami_latest = jsondecode(data.http.ami_latest.response_body)")
        .contains("value = local.ami_latest.imageIds[\"eu-west-1\"]")
        .doesNotContain("Authorization");
  }

  @Test
  void everyCurlSnippetGetsWhatTheEndpointSaysItAnswers() {
    for (Element section : page.select("section.api-endpoint")) {
      String path = section.attr("data-path");
      String curl = section.selectFirst("pre.snippet-curl").wholeText();
      assertThat(url(curl)).as(path).startsWith(app.base + "/");
      HttpResponse<String> answer = run(curl);
      assertThat(answer.statusCode()).as(curl).isEqualTo(200);
      String mediaType = openApi.path("paths").path(path).path("get").path("responses").path("200").path("content")
          .fieldNames().next();
      assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(curl).startsWith(mediaType);
      assertThat(section.selectFirst(".api-status").text()).as(path).startsWith("HTTP 200 · " + mediaType);
      if (mediaType.equals("application/json")) Json.read(answer.body());
      assertThat(section.select("pre.api-answer")).as(path + ": shows the answer").hasSize(1);
    }
  }

  @Test
  void theSearchExampleIsShortenedToItsFirstImageAndSaysSo() {
    Element images = page.getElementById("images");
    assertThat(images.selectFirst("a.api-example").attr("href")).isEqualTo("/api/images?q=al2023&arch=arm64&region=eu-west-1");
    String shown = images.selectFirst("pre.api-answer").wholeText();
    JsonNode answer = Json.read(shown);
    assertThat(answer.path("total").asInt()).isGreaterThan(1);
    assertThat(answer.path("images").get(0).path("image").path("Architecture").asText()).isEqualTo("arm64");
    int onThePage = Math.min(answer.path("total").asInt(), answer.path("pageSize").asInt());
    assertThat(answer.path("images").get(1).asText()).isEqualTo("… " + (onThePage - 1) + " more");
    assertThat(images.selectFirst(".api-note").text()).startsWith("Shortened");
    // The CSV's example is its header and first rows.
    String csv = page.getElementById("images_csv").selectFirst("pre.api-answer").wholeText();
    assertThat(csv).startsWith("region,image_id,name,");
    assertThat(csv.lines().skip(1).findFirst().orElse("")).startsWith("eu-west-1,ami-");
  }

  @Test
  void theFooterLinksThePageAndThePageSaysNoTokenIsNeeded() {
    Document search = Jsoup.parse(app.get("/").body());
    assertThat(search.select("footer a").eachAttr("href")).contains("/api");
    assertThat(page.getElementById("api-open")).isNotNull();
    assertThat(page.getElementById("api-token")).isNull();
    assertThat(page.getElementById("openapi-link").attr("href")).isEqualTo("/api/openapi.json");
  }

  static String url(String curl) {
    Matcher m = CURL_URL.matcher(curl);
    assertThat(m.find()).as(curl).isTrue();
    return m.group(1);
  }

  /** Runs a curl snippet as curl would: a GET of its URL with its headers ($AMI_CATALOG_TOKEN given as {@code token}). */
  static HttpResponse<String> run(TestApp app, String curl, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(curl))).GET();
    Matcher header = Pattern.compile("-H \"([^:]+): ([^\"]*)\"").matcher(curl);
    while (header.find()) request.header(header.group(1), header.group(2).replace("$" + Snippets.TOKEN_VARIABLE, token));
    return app.send(request.build());
  }

  static HttpResponse<String> run(String curl) {
    return run(app, curl, "");
  }
}
