package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real app over real demo data, read as HTML and JSON the way a browser or script would. */
@OnBothStores
public class CatalogWebTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.sharedReadOnly();
  }


  Document page(String pathAndQuery) {
    HttpResponse<String> response = app.get(pathAndQuery);
    assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
    return Jsoup.parse(response.body(), app.url(pathAndQuery));
  }

  public static int total(Document d) {
    return Integer.parseInt(d.selectFirst(".total").text().replaceAll("[^0-9]", ""));
  }

  static List<Element> facetValues(Document d, String facet) {
    return d.select("section.facet[data-facet=" + facet + "] li a");
  }

  static int count(Element facetLink) {
    return Integer.parseInt(facetLink.selectFirst(".n").text());
  }

  /** A feed reader given the page finds its feed: the search's own, with the same words and filters. */
  @Test
  void aSearchPageAnnouncesItsFeed() {
    Document d = page("/?q=ecs&arch=arm64");
    Element link = d.selectFirst("head link[rel=alternate][type=application/atom+xml]");
    assertThat(link).isNotNull();
    assertThat(link.attr("href")).startsWith("/feeds/search.atom?").contains("q=ecs", "arch=arm64");
    HttpResponse<String> feed = app.get(link.attr("href"));
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
  }

  @Test
  void facetCountsAddUpToTheTotal() {
    Document d = page("/");
    int total = total(d);
    assertThat(total).isGreaterThan(3000);
    for (String facet : List.of("region", "category", "arch", "year", "state")) {
      assertThat(facetValues(d, facet).stream().mapToInt(CatalogWebTest::count).sum()).as(facet).isEqualTo(total);
    }
  }

  @Test
  void togglingAFacetChangesTheUrlAndTheResultsAndTogglesBack() {
    Document d = page("/?q=ecs");
    Element arm = facetValues(d, "arch").stream().filter(a -> a.text().startsWith("arm64")).findFirst().orElseThrow();
    String url = arm.attr("href");
    assertThat(url).isEqualTo("/?q=ecs&arch=arm64");
    Document filtered = page(url);
    assertThat(total(filtered)).isEqualTo(count(arm)).isLessThan(total(d));
    assertThat(filtered.select("table.images tbody tr td:nth-child(6)")).allSatisfy(td -> assertThat(td.text()).isEqualTo("arm64"));
    Element on = filtered.selectFirst("section.facet[data-facet=arch] a.on");
    assertThat(on.attr("href")).isEqualTo("/?q=ecs");
    // Two values of one facet are ORed; a second facet narrows.
    Document both = page("/?q=ecs&arch=arm64&arch=x86_64&region=eu-west-1");
    assertThat(total(both)).isEqualTo(count(facetValues(page("/?q=ecs&arch=arm64&arch=x86_64"), "region").stream()
        .filter(a -> a.text().startsWith("eu-west-1")).findFirst().orElseThrow()));
    assertThat(both.select(".chip").eachText()).contains("Architecture: arm64 ✕", "Architecture: x86_64 ✕", "Region: eu-west-1 ✕");
  }

  @Test
  void sortingOrdersTheRows() {
    List<String> names = page("/?q=amzn2&sort=name").select("td.name > a").eachText();
    assertThat(names).hasSizeGreaterThan(10).isSorted();
    List<String> oldest = page("/?sort=oldest").select("table.images tbody td:nth-child(7)").eachText();
    assertThat(oldest).isSorted();
    List<String> newest = page("/").select("table.images tbody td:nth-child(7)").eachText();
    assertThat(newest).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void paginationIsStableAndCoversEveryRowOnce() {
    JsonNode all = json("/api/images?q=fedora&sort=name");
    int total = all.path("total").asInt();
    assertThat(total).isGreaterThan(100);
    List<String> seen = new ArrayList<>();
    for (int p = 1; p <= 3; p++) seen.addAll(page("/?q=fedora&sort=name&page=" + p).select("table.images td.mono").eachText());
    assertThat(seen).hasSize(150).doesNotHaveDuplicates();
    assertThat(page("/?q=fedora&sort=name&page=2").select("table.images td.mono").eachText())
        .isEqualTo(page("/?q=fedora&sort=name&page=2").select("table.images td.mono").eachText());
    Document last = page("/?q=fedora&sort=name&page=" + ((total + 49) / 50));
    assertThat(last.select("a[rel=next]")).isEmpty();
    assertThat(last.select("a[rel=prev]")).isNotEmpty();
  }

  @Test
  void anExactIdFindsItsImage() {
    String id = json("/api/images?q=fedora").path("images").get(0).path("image").path("ImageId").asText();
    Document d = page("/?q=" + id);
    assertThat(total(d)).isEqualTo(1);
    assertThat(d.selectFirst("td.mono").text()).isEqualTo(id);
    assertThat(total(page("/?q=125523088429"))).isEqualTo(total(page("/?owner=125523088429")));
    // An id pasted with a no-break space or a zero-width space around it is still an id.
    assertThat(total(page("/?q=%C2%A0" + id + "%E2%80%8B"))).isEqualTo(1);
  }

  @Test
  void noResultsSuggestsTheNextStep() {
    Document d = page("/?q=zzzznothing&arch=arm64");
    assertThat(d.selectFirst(".notice h2").text()).isEqualTo("No images match");
    assertThat(d.select(".notice a").eachAttr("href")).contains("/?arch=arm64");
  }

  @Test
  void detailPageAnswersTheQuestionsAboutAnImage() {
    String href = page("/?q=amzn2-ami-ecs-hvm&region=us-east-1").selectFirst("td.name > a").attr("href");
    Document d = page(href);
    assertThat(d.select("table.kv th").eachText()).contains("Image ID", "Owner", "Created", "Architecture");
    assertThat(d.select("a[href^=https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#ImageDetails:imageId=ami-]")).hasSize(1);
    assertThat(d.selectFirst("pre.cli").text()).startsWith("aws ec2 describe-images --region us-east-1 --image-ids ami-");
    assertThat(d.select("table.kv th").eachText()).contains("First seen by the catalog");
  }

  @Test
  void unknownImagesAndBadIdsAreClearErrors() {
    HttpResponse<String> missing = app.get("/images/eu-west-1/ami-00000000000000000");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Jsoup.parse(missing.body()).text()).contains("The catalog has no image ami-00000000000000000 in eu-west-1");
    assertThat(app.get("/images/nowhere/ami-1").statusCode()).isEqualTo(400);
    assertThat(app.get("/api/images/eu-west-1/ami-00000000000000000").statusCode()).isEqualTo(404);
  }

  @Test
  void anImagesPageIsFoundByItsIdAlone() {
    HttpResponse<String> found = app.get("/images/ami-0badc0ffee0000001");
    assertThat(found.statusCode()).isEqualTo(302);
    assertThat(found.headers().firstValue("Location")).hasValue("/images/eu-west-1/ami-0badc0ffee0000001");
    HttpResponse<String> missing = app.get("/images/ami-00000000000000000");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Jsoup.parse(missing.body()).text()).contains("The catalog has no image ami-00000000000000000.");
    HttpResponse<String> bad = app.get("/images/eu-west-1");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(bad.body()).text()).contains("'eu-west-1' is not an AMI id");
  }

  @Test
  void badParametersAnswer400WithAMessage() {
    HttpResponse<String> r = app.get("/?page=abc");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(r.body()).text()).contains("Page must be a whole number");
    assertThat(app.get("/?sort=sideways").statusCode()).isEqualTo(400);
    assertThat(app.get("/api/images?page=-1").statusCode()).isEqualTo(400);
    assertThat(Json.read(app.get("/api/images?page=-1").body()).path("error").asText()).contains("Page must be");
    for (String q : List.of("NEAR(", "a%22b", "NEAR(a+b)", "and", "col:val", "-x")) {
      assertThat(app.get("/?q=" + q).statusCode()).as(q).isEqualTo(200);
    }
    HttpResponse<String> operators = app.get("/?q=AND+OR");
    assertThat(operators.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(operators.body()).text()).contains("they go between words");
    // Nothing to search for is not a search for everything.
    for (String q : List.of("%22", "*", "-", ":", "%22%22*", "(((", "%F0%9F%9A%80", "%CC%81")) {
      HttpResponse<String> nothing = app.get("/?q=" + q);
      assertThat(nothing.statusCode()).as(q).isEqualTo(400);
      assertThat(Jsoup.parse(nothing.body()).text()).as(q).contains("has no letters or digits to search for");
      assertThat(app.get("/api/images?q=" + q).statusCode()).as(q).isEqualTo(400);
    }
    assertThat(app.get("/?q=" + "x".repeat(201)).statusCode()).isEqualTo(400);
    assertThat(app.get("/?q=ecs" + "+".repeat(250)).statusCode()).isEqualTo(200);  // spaces are not searched
  }

  @Test
  void aPagePastTheEndSaysSoAndLinksTheLastPage() {
    int total = total(page("/?q=fedora"));
    int pages = (total + 49) / 50;
    Document past = page("/?q=fedora&page=" + (pages + 3));
    assertThat(past.selectFirst(".notice h2").text()).isEqualTo("Past the last page");
    assertThat(past.select(".notice a").eachAttr("href")).contains("/?q=fedora&page=" + pages);
  }

  @Test
  void hostileTextIsShownAsText() {
    Document results = page("/?q=999988887777");
    assertThat(results.select("td.name a").text()).isEqualTo("<script>alert(1)</script>");
    assertThat(results.select("script")).allSatisfy(s -> assertThat(s.attr("src")).isNotEmpty());
    Document d = page("/images/eu-west-1/ami-0badc0ffee0000001");
    assertThat(d.select("h1").text()).isEqualTo("<script>alert(1)</script>");
    assertThat(d.select("img[onerror], svg, script:not([src])")).isEmpty();
    assertThat(d.text()).contains("\"><img src=x onerror=alert(2)>", "<b>team</b>");
  }

  @Test
  void everyResponseCarriesSecurityHeaders() {
    HttpResponse<String> r = app.get("/");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).isPresent();
  }

  @Test
  void postsWithoutTheCsrfTokenAreRefused() {
    HttpResponse<String> r = app.send(HttpRequest.newBuilder(URI.create(app.url("/sync")))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", app.base.toString())
        .POST(HttpRequest.BodyPublishers.ofString("")).build());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Jsoup.parse(r.body()).text()).contains("did not come from this site");
  }

  @Test
  void jsonAndCsvTwinsAnswerTheSameSearch() {
    JsonNode json = json("/api/images?q=ecs&arch=arm64");
    int total = json.path("total").asInt();
    assertThat(total).isEqualTo(total(page("/?q=ecs&arch=arm64")));
    assertThat(json.path("facets").path("region").size()).isGreaterThan(0);
    assertThat(json.path("images").size()).isEqualTo(Math.min(50, total));
    HttpResponse<String> csv = app.get("/api/images.csv?q=ecs&arch=arm64");
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).as("a name that says what it holds")
        .isEqualTo("attachment; filename=\"ami-catalog-ecs-arm64-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".csv\"");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("region,image_id,name");
    assertThat(lines).hasSize(total + 1);
    JsonNode one = json(json.path("images").get(0).path("catalog").path("apiUrl").asText());
    assertThat(one.path("image").path("Architecture").asText()).isEqualTo("arm64");
  }

  @Test
  void theJsonPageSizeIsAParameterFromOneToAThousand() {
    int total = json("/api/images").path("total").asInt();
    JsonNode big = json("/api/images?per=1000");
    assertThat(big.path("pageSize").asInt()).isEqualTo(1000);
    assertThat(big.path("images").size()).isEqualTo(Math.min(1000, total)).isGreaterThan(50);
    JsonNode second = json("/api/images?per=7&page=2");
    assertThat(second.path("images").size()).isEqualTo(7);
    assertThat(second.path("images").get(0).path("image").path("ImageId").asText())
        .isEqualTo(big.path("images").get(7).path("image").path("ImageId").asText());
    for (String bad : List.of("0", "1001", "ten", "-5")) {
      HttpResponse<String> refused = app.get("/api/images?per=" + bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body()).contains("from 1 to 1000");
    }
  }

  @Test
  void searchWordsMeanTheSameInTheApi() {
    int all = json("/api/images").path("total").asInt();
    int al2023 = json("/api/images?q=al2023").path("total").asInt();
    assertThat(json("/api/images?q=-al2023").path("total").asInt()).isEqualTo(all - al2023);
    // A region with a minus cannot mean "leave out the region": the answer says so rather than ignore it silently.
    JsonNode minusRegion = json("/api/images?q=al2023+-eu-west-1");
    assertThat(minusRegion.path("notes").get(0).asText()).startsWith("“-eu-west-1” leaves out only images whose name");
    assertThat(json("/api/images?q=al2023,+arm64,").path("total").asInt()).as("a list's commas")
        .isEqualTo(json("/api/images?q=al2023&arch=arm64").path("total").asInt());
    assertThat(json("/api/images?q=al2023+arm64").path("total").asInt())
        .isEqualTo(json("/api/images?q=al2023&arch=arm64").path("total").asInt()).isPositive();
  }

  @Test
  void healthSaysHowManyImagesAndRegions() {
    JsonNode health = json("/health");
    assertThat(health.path("images").asInt()).isEqualTo(total(page("/")));
    assertThat(health.path("regions").asInt()).isEqualTo(3);
    assertThat(health.path("lastSync").path("status").asText()).isEqualTo("ok");
  }

  JsonNode json(String pathAndQuery) {
    HttpResponse<String> r = app.get(pathAndQuery);
    assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
    return Json.read(r.body());
  }
}
