package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amicatalog.common.Json;
import amicatalog.testing.Browser;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real app in a real (headless) browser: what a person clicks, what Back restores, and that
 * hostile image data stays text. Every page visited is saved to target/screenshots for a human look.
 */
@OnBothStores
class BrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");

  static TestApp app;
  static WebDriver driver;
  static WebDriverWait wait;

  @BeforeAll
  static void start() {
    app = TestApp.sharedReadOnly();
    driver = Browser.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  @AfterAll
  static void stop() {
    Browser.quit(driver);
  }

  @BeforeEach
  void normalWindow() {
    driver.manage().window().setSize(new Dimension(1400, 1000));
    Browser.consoleErrors(driver);  // start each test with an empty console
  }

  /** No script error, CSP violation or failed load on any page this test visited. */
  static void assertConsoleClean() {
    assertThat(Browser.consoleErrors(driver)).as("browser console errors").isEmpty();
  }

  @Test
  void searchPickTwoFacetsOpenADetailAndComeBack() {
    open("/");
    shot("01-home");
    int everything = total();

    WebElement box = driver.findElement(By.cssSelector("form.searchbar input[name=q]"));
    box.clear();
    box.sendKeys("ecs");
    driver.findElement(By.cssSelector("form.searchbar button[type=submit]")).click();
    wait.until(ExpectedConditions.urlToBe(app.url("/?q=ecs")));
    shot("02-search-ecs");
    int ecs = total();
    assertThat(ecs).isPositive().isLessThan(everything);

    WebElement arm = facetLink("arch", "arm64");
    int armCount = count(arm);
    click(arm);
    wait.until(ExpectedConditions.urlToBe(app.url("/?q=ecs&arch=arm64")));
    shot("03-facet-arm64");
    assertThat(total()).isEqualTo(armCount).isLessThan(ecs);

    WebElement region = facetLink("region", "us-east-1");
    int regionCount = count(region);
    click(region);
    String searchUrl = app.url("/?q=ecs&region=us-east-1&arch=arm64");
    wait.until(ExpectedConditions.urlToBe(searchUrl));
    shot("04-facet-region");
    assertThat(total()).isEqualTo(regionCount).isPositive().isLessThanOrEqualTo(armCount);
    assertThat(total()).as("the page and the JSON API agree")
        .isEqualTo(Json.read(app.get("/api/images?q=ecs&region=us-east-1&arch=arm64").body()).path("total").asInt());
    assertThat(columnTexts(6)).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo("arm64"));
    assertThat(columnTexts(4)).allSatisfy(r -> assertThat(r).isEqualTo("us-east-1"));
    assertSearchStateIs("ecs", List.of("arm64", "us-east-1"));

    WebElement name = driver.findElement(By.cssSelector("table.images td.name > a"));
    String imageName = name.getText();
    String href = name.getAttribute("href");
    assertThat(href).startsWith(app.url("/images/us-east-1/ami-"));
    click(name);
    wait.until(ExpectedConditions.urlToBe(href));
    shot("05-detail");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(imageName);
    assertThat(driver.findElements(By.cssSelector("table.kv th")).stream().map(WebElement::getText).toList())
        .contains("Image ID", "Architecture");

    driver.navigate().back();
    wait.until(ExpectedConditions.urlToBe(searchUrl));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".total")));
    shot("06-back");
    assertThat(total()).isEqualTo(regionCount);
    assertSearchStateIs("ecs", List.of("arm64", "us-east-1"));

    // Removing a chip drops just that filter.
    WebElement regionChip = driver.findElements(By.cssSelector(".toolbar a.chip")).stream()
        .filter(c -> c.getText().startsWith("Region: us-east-1")).findFirst().orElseThrow();
    click(regionChip);
    wait.until(ExpectedConditions.urlToBe(app.url("/?q=ecs&arch=arm64")));
    assertThat(total()).isEqualTo(armCount);
    assertSearchStateIs("ecs", List.of("arm64"));
    assertConsoleClean();
  }

  @Test
  void hostileImageDataStaysText() {
    open("/?q=999988887777");
    shot("10-hostile-results");
    assertNoScriptRan();
    assertThat(total()).isEqualTo(1);
    String body = bodyText();
    assertThat(body).contains("<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>");
    assertThat(driver.findElement(By.cssSelector("td.name > a")).getText()).isEqualTo("<script>alert(1)</script>");

    click(driver.findElement(By.cssSelector("td.name > a")));
    wait.until(ExpectedConditions.urlToBe(app.url("/images/eu-west-1/ami-0badc0ffee0000001")));
    shot("11-hostile-detail");
    assertNoScriptRan();
    assertThat(driver.getTitle()).isEqualTo("<script>alert(1)</script> · AMI Catalog");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("<script>alert(1)</script>");
    assertThat(bodyText()).contains("\"><img src=x onerror=alert(2)>", "<b>team</b>", "\"><svg onload=alert(3)>");

    // Hostile text typed into the search box comes back as text too: in the box, the title and the hint.
    String typed = "\"><img src=x onerror=alert(7)> zzqq";
    WebElement box = driver.findElement(By.cssSelector("a.brand"));
    click(box);
    wait.until(ExpectedConditions.urlToBe(app.url("/")));
    WebElement input = driver.findElement(By.cssSelector("form.searchbar input[name=q]"));
    input.sendKeys(typed);
    driver.findElement(By.cssSelector("form.searchbar button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("zzqq"));
    shot("12-hostile-query");
    assertNoScriptRan();
    assertThat(driver.getTitle()).isEqualTo(typed + " · AMI Catalog");
    assertThat(driver.findElement(By.cssSelector("form.searchbar input[name=q]")).getAttribute("value")).isEqualTo(typed);
    assertThat(driver.findElement(By.cssSelector(".notice h2")).getText()).isEqualTo("No images match");
    assertThat(bodyText()).contains("search without “" + typed + "”");
    assertConsoleClean();
  }

  @Test
  void syncPageShowsTheImportAndTheButtonWorks() {
    open("/");
    click(driver.findElement(By.cssSelector("header.top nav a[href='/sync']")));
    wait.until(ExpectedConditions.urlToBe(app.url("/sync")));
    shot("20-sync");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sync");
    assertThat(driver.findElement(By.cssSelector("header.top nav a[aria-current=page]")).getText()).isEqualTo("Sync");
    List<WebElement> runs = driver.findElements(By.cssSelector("#runs section.run"));
    assertThat(runs).isNotEmpty();
    assertThat(runs.get(0).findElement(By.tagName("h2")).getText()).startsWith("Run ").contains("ok");
    assertThat(runs.get(0).findElements(By.cssSelector("tbody td:first-child")).stream().map(WebElement::getText).toList())
        .contains("eu-west-1", "us-east-1", "ap-southeast-6");

    // The form carries the CSRF token from the cookie the page set: a real browser's POST is accepted.
    List<WebElement> button = driver.findElements(By.cssSelector("form[action='/sync'] button"));
    assertThat(button).hasSize(1);
    click(button.get(0));
    wait.until(ExpectedConditions.urlContains("/sync?started="));
    shot("21-sync-after-post");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sync");
    assertThat(bodyText()).doesNotContain("did not come from this site");
    assertConsoleClean();
  }

  @Test
  void errorPagesAndNarrowWindowsRender() {
    open("/images/eu-west-1/ami-00000000000000000");
    shot("30-not-found");
    assertThat(bodyText()).contains("The catalog has no image ami-00000000000000000 in eu-west-1");
    open("/?page=abc");
    shot("31-bad-request");
    assertThat(bodyText()).contains("Page must be a whole number");
    // Those two answer 404 and 400 on purpose: the console says so, and nothing else.
    assertThat(Browser.consoleErrors(driver)).hasSize(2)
        .allSatisfy(e -> assertThat(e).contains("the server responded with a status of 4"));
    open("/?q=zzzznothing&arch=arm64");
    shot("32-no-results");
    assertThat(driver.findElement(By.cssSelector(".notice h2")).getText()).isEqualTo("No images match");

    driver.manage().window().setSize(new Dimension(420, 900));
    open("/?q=ecs&arch=arm64");
    shot("40-narrow-results");
    Long overflow = (Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    System.out.println("narrow results page: horizontal overflow " + overflow + "px");
    open(driver.findElement(By.cssSelector("table.images td.name > a")).getAttribute("href").substring(app.base.toString().length()));
    shot("41-narrow-detail");
    Long detailOverflow = (Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    System.out.println("narrow detail page: horizontal overflow " + detailOverflow + "px");
    assertConsoleClean();
  }

  // --- helpers

  static void open(String pathAndQuery) {
    driver.get(app.url(pathAndQuery));
    wait.until(d -> "complete".equals(js("return document.readyState;")));
  }

  static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  static void shot(String name) {
    Path file = Browser.screenshot(driver, SHOTS.resolve(name + ".png"));
    System.out.println("screenshot " + file.toAbsolutePath());
  }

  /** Clicks and waits for the page to be replaced. */
  static void click(WebElement element) {
    WebElement html = driver.findElement(By.tagName("html"));
    element.click();
    wait.until(ExpectedConditions.stalenessOf(html));
    wait.until(d -> "complete".equals(js("return document.readyState;")));
  }

  static int total() {
    return Integer.parseInt(driver.findElement(By.cssSelector(".total")).getText().replaceAll("[^0-9]", ""));
  }

  static int count(WebElement facetLink) {
    return Integer.parseInt(facetLink.findElement(By.cssSelector(".n")).getText());
  }

  static String bodyText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  static WebElement facetLink(String facet, String value) {
    return driver.findElements(By.cssSelector("section.facet[data-facet=" + facet + "] a")).stream()
        .filter(a -> a.findElement(By.cssSelector(".v")).getText().equals(value))
        .findFirst().orElseThrow(() -> new AssertionError("no " + facet + " facet link " + value));
  }

  static List<String> columnTexts(int column) {
    return driver.findElements(By.cssSelector("table.images tbody td:nth-child(" + column + ")")).stream()
        .map(WebElement::getText).toList();
  }

  static void assertSearchStateIs(String q, List<String> chosen) {
    assertThat(driver.findElement(By.cssSelector("form.searchbar input[name=q]")).getAttribute("value")).isEqualTo(q);
    assertThat(driver.findElements(By.cssSelector("section.facet a.on .v")).stream().map(WebElement::getText).toList())
        .containsExactlyInAnyOrderElementsOf(chosen);
    assertThat(driver.findElements(By.cssSelector(".toolbar a.chip")).stream().map(WebElement::getText).toList())
        .hasSize(chosen.size())
        .allSatisfy(chip -> assertThat(chosen.stream().anyMatch(chip::contains)).as(chip).isTrue());
    // The search box carries the chosen facets along as hidden fields.
    assertThat(driver.findElements(By.cssSelector("form.searchbar input[type=hidden]")).stream()
        .map(i -> i.getAttribute("value")).toList()).containsExactlyInAnyOrderElementsOf(chosen);
  }

  /** No dialog is open, and no element anywhere carries an event-handler attribute or is an injected script. */
  static void assertNoScriptRan() {
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(driver.findElements(By.cssSelector("[onerror], [onload], svg, img[src=x], script:not([src])"))).isEmpty();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> handlers = (List<Map<String, Object>>) js(
        "return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
            + ".filter(a => a.name.startsWith('on')).map(a => ({tag: e.tagName, attr: a.name})));");
    assertThat(handlers).as("elements with on* attributes").isEmpty();
  }
}
