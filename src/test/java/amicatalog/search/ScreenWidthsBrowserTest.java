package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.Browser;
import amicatalog.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search and compare pages on a phone (400 px) and a desktop (1400 px), in a real browser:
 * the first result is in view without scrolling the page sideways, facets fold behind "Filters"
 * on the phone only, columns sort and can be chosen, and the compare tray outlives the page.
 * Screenshots go to target/screenshots/widths-*.
 */
class ScreenWidthsBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final List<Integer> WIDTHS = List.of(400, 1400);

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
  void emptyTray() {
    driver.manage().window().setSize(new Dimension(1400, 1000));
    driver.get(app.url("/"));
    js("localStorage.clear()");
  }

  @Test
  void theFirstResultIsInViewAtEveryWidthAndFacetsFoldOnAPhone() {
    for (int width : WIDTHS) {
      driver.manage().window().setSize(new Dimension(width, 1000));
      driver.get(app.url("/?q=amzn2"));
      shot("widths-search-" + width);
      assertNoSidewaysScroll(width);
      WebElement first = driver.findElement(By.cssSelector("table.images tbody tr td.name"));
      assertInView(first, "the first result at " + width + " px");
      WebElement regionFacet = driver.findElement(By.cssSelector(".facet[data-facet=region] a"));
      WebElement filters = driver.findElement(By.cssSelector("details.filters > summary"));
      if (width < 900) {
        assertThat(visible(regionFacet)).as("facets fold behind Filters on a phone").isFalse();
        filters.click();
        assertThat(visible(regionFacet)).isTrue();
        shot("widths-search-filters-open-" + width);
        assertNoSidewaysScroll(width);  // a long facet value is cut, not the page widened
      } else {
        assertThat(visible(filters)).as("no Filters button on a desktop").isFalse();
        assertThat(visible(regionFacet)).as("facets shown on a desktop").isTrue();
      }
    }
    assertThat(Browser.consoleErrors(driver)).isEmpty();
  }

  @Test
  void aRegionTypedAsAWordBecomesItsFilterAndEveryRegionIsAClickAway() {
    driver.get(app.url("/?q=amzn2+EU-WEST-1"));
    assertThat(driver.findElement(By.cssSelector("form.searchbar input[name=q]")).getAttribute("value")).isEqualTo("amzn2");
    assertThat(driver.findElements(By.cssSelector(".toolbar a.chip")).stream().map(WebElement::getText))
        .containsExactly("Region: eu-west-1 ✕");
    assertThat(driver.findElements(By.cssSelector(".facet[data-facet=region] details"))).as("no region behind 'more'").isEmpty();
    assertThat(driver.findElement(By.id("search-help")).getText()).contains("-word", "a OR b", "\"exact phrase\"");
    driver.get(app.url("/?q=ecs+optimized"));
    assertThat(driver.findElement(By.id("also-matched")).getText()).isEqualTo("“ecs optimized” also matched ecs");
  }

  @Test
  void aClickOnAColumnHeadingSortsAndColumnsCanBeChosen() {
    driver.get(app.url("/?q=amzn2"));
    driver.findElement(By.cssSelector("th.c-arch a")).click();
    wait.until(ExpectedConditions.urlToBe(app.url("/?q=amzn2&sort=arch")));
    assertThat(driver.findElement(By.cssSelector("th.c-arch")).getAttribute("aria-sort")).isEqualTo("ascending");
    List<String> arches = driver.findElements(By.cssSelector("td.c-arch")).stream().map(WebElement::getText).toList();
    assertThat(arches).isSorted().first().isEqualTo("arm64");

    driver.findElement(By.cssSelector("th.c-created a")).click();  // Created: newest first
    wait.until(ExpectedConditions.urlToBe(app.url("/?q=amzn2")));
    driver.findElement(By.cssSelector("th.c-created a")).click();  // again: oldest first
    wait.until(ExpectedConditions.urlToBe(app.url("/?q=amzn2&sort=oldest")));
    assertThat(driver.findElement(By.cssSelector("th.c-created")).getAttribute("aria-sort")).isEqualTo("ascending");

    driver.findElement(By.cssSelector("#column-chooser summary")).click();
    driver.findElement(By.cssSelector("#column-chooser input[value=owner]")).click();
    driver.findElement(By.cssSelector("#column-chooser input[value=boot]")).click();
    assertThat(driver.findElement(By.cssSelector("td.c-owner")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.cssSelector("td.c-boot")).isDisplayed()).isTrue();
    driver.get(app.url("/?q=windows"));  // the choice outlives the page
    assertThat(driver.findElement(By.cssSelector("th.c-owner")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.cssSelector("th.c-boot")).getText()).isEqualTo("Boot mode");
  }

  @Test
  void picksStayPickedAcrossSearchesAndTheComparePageCanRemoveThem() {
    driver.get(app.url("/?q=amzn2"));
    WebElement firstBox = driver.findElement(By.cssSelector("#compare-form input[name=id]"));
    String first = firstBox.getAttribute("value");
    firstBox.click();
    driver.get(app.url("/?q=windows"));
    WebElement secondBox = driver.findElement(By.cssSelector("#compare-form input[name=id]"));
    String second = secondBox.getAttribute("value");
    secondBox.click();
    assertThat(driver.findElement(By.id("tray-label")).getText()).startsWith("2 of 6 images picked");
    driver.get(app.url("/?q=amzn2"));
    assertThat(driver.findElement(By.cssSelector("#compare-form input[value='" + first + "']")).isSelected())
        .as("ticked on another search, still ticked").isTrue();

    for (int width : WIDTHS) {
      driver.manage().window().setSize(new Dimension(width, 1000));
      driver.get(app.url("/?q=amzn2"));
      driver.findElement(By.id("compare-button")).click();
      wait.until(ExpectedConditions.urlContains("/compare?"));
      shot("widths-compare-" + width);
      assertThat(driver.findElements(By.cssSelector("table.compare th.image .mono")).stream().map(WebElement::getText))
          .containsExactly(first.substring(first.indexOf('/') + 1), second.substring(second.indexOf('/') + 1));
      assertNoSidewaysScroll(width);
      assertInView(driver.findElement(By.cssSelector("table.compare th.image")), "the first compared image at " + width + " px");
    }
    driver.findElements(By.cssSelector("table.compare .column-links a[title^=Remove]")).get(0).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.compare th.image"), 1));
    driver.get(app.url("/?q=amzn2"));
    assertThat(driver.findElement(By.cssSelector("#compare-form input[value='" + first + "']")).isSelected())
        .as("removed on the compare page, no longer picked").isFalse();
    assertThat(driver.findElement(By.id("tray-label")).getText()).startsWith("1 of 6");
    assertThat(Browser.consoleErrors(driver)).isEmpty();
  }

  private static void assertNoSidewaysScroll(int width) {
    assertThat(Browser.sidewaysOverflow(driver)).as("the page scrolls sideways at " + width + " px").isZero();
  }

  private static void assertInView(WebElement element, String what) {
    var seen = Browser.inSight(driver, element);
    assertThat(seen.get("inside")).as(what + " lies in the window: " + seen).isEqualTo(true);
    assertThat(seen.get("shown")).as(what + " is not covered: " + seen).isEqualTo(true);
  }

  private static boolean visible(WebElement element) {
    return element.isDisplayed();
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void shot(String name) {
    Browser.screenshot(driver, SHOTS.resolve(name + ".png"));
  }
}
