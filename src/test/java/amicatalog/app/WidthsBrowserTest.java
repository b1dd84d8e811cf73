package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.Browser;
import amicatalog.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The pages on a desktop (1400 px) and a phone held upright (400 px), in headless chromium: what
 * the page is for is in sight without scrolling the page sideways. The audit shows a matrix cell
 * beside its sticky family column (at 400 px that column once filled the whole box, and no region
 * was ever seen); the detail page its heading and both halves of its content. Leaves screenshots
 * in target/screenshots/widths-*.png, to be looked at.
 */
class WidthsBrowserTest {
  static final List<Integer> WIDTHS = List.of(1400, 400);

  @TempDir static Path dir;
  static TestApp app;
  static WebDriver browser;

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, null, null);
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    Browser.quit(browser);
    app.close();
  }

  @Test
  void aMatrixCellIsInSightBesideTheFamilyColumnAtEveryWidth() throws Exception {
    for (int width : WIDTHS) {
      open("/audit?owner=amazon", width);
      noSidewaysScroll(width);
      WebElement cell = browser.findElement(By.cssSelector("table.matrix tbody td:not(.sum)"));
      WebElement family = browser.findElement(By.cssSelector("table.matrix tbody th.fam"));
      Map<String, Object> seen = inSight(cell);
      assertThat(seen.get("inside")).as(width + " px: the first region cell lies in the window: " + seen).isEqualTo(true);
      assertThat(seen.get("shown")).as(width + " px: nothing covers it: " + seen).isEqualTo(true);
      // The family name is still there beside it, readable: the column narrows, it does not vanish.
      double familyWidth = ((Number) rect(family).get("width")).doubleValue();
      assertThat(familyWidth).as(width + " px: the family column's width").isBetween(100.0, width / 2.0 + 20);
      // A phone sees several regions beside the family, not a sliver of one.
      long cellsInSight = (Long) js("""
          const w = innerWidth;
          return [...document.querySelector('table.matrix tbody tr').querySelectorAll('td:not(.sum)')]
            .filter(td => { const r = td.getBoundingClientRect(); return r.left >= 0 && r.right <= w
              && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('td') === td; }).length;""");
      int regions = browser.findElements(By.cssSelector("table.matrix thead th.region")).size();
      assertThat(cellsInSight).as(width + " px: region cells in sight in the first row, of " + regions)
          .isGreaterThanOrEqualTo(width == 400 ? Math.min(3, regions) : regions);
      shot("audit", width, null);
      shot("audit-matrix", width, ".matrix-wrap");
    }
  }

  @Test
  void theDetailPagesContentIsInSightAtEveryWidth() throws Exception {
    String imageId = app.db.read(h -> h.createQuery("""
            SELECT image_id FROM images WHERE region = 'us-east-1' AND owner_alias = 'amazon'
              AND family_key = 'amzn2-ami-ecs-hvm-*-arm64-ebs' ORDER BY creation_date DESC LIMIT 1""")
        .mapTo(String.class).one());
    for (int width : WIDTHS) {
      open("/images/us-east-1/" + imageId, width);
      noSidewaysScroll(width);
      for (String what : List.of(".detail-head h1", ".detail-grid > section:first-child", ".detail-grid > section:last-child",
          ".detail-grid table.kv")) {
        Map<String, Object> seen = inSight(browser.findElement(By.cssSelector(what)));
        assertThat(seen.get("inside")).as(width + " px: " + what + " lies in the window: " + seen).isEqualTo(true);
      }
      shot("detail", width, null);
    }
  }

  @Test
  void aFeedsPageShowsTheAddressToCopyWholeAtEveryWidth() throws Exception {
    for (int width : WIDTHS) {
      open("/feeds/family?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs", width);
      noSidewaysScroll(width);
      for (String what : List.of("h1", "#feed-url", "#raw-atom", "#feed-empty")) {
        Map<String, Object> seen = inSight(browser.findElement(By.cssSelector(what)));
        assertThat(seen.get("inside")).as(width + " px: " + what + " lies in the window: " + seen).isEqualTo(true);
      }
      shot("feed", width, null);
    }
  }

  @Test
  void theLatestPageAndItsFeedLinkFitEveryWidth() throws Exception {
    for (int width : WIDTHS) {
      open("/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs", width);
      noSidewaysScroll(width);
      for (String what : List.of("input[name=name]", "#latest tbody td", "#latest-feeds a")) {
        Map<String, Object> seen = inSight(browser.findElement(By.cssSelector(what)));
        assertThat(seen.get("inside")).as(width + " px: " + what + " lies in the window: " + seen).isEqualTo(true);
      }
      shot("latest", width, "#latest");
    }
  }

  static void open(String url, int width) {
    browser.manage().window().setSize(new Dimension(width, 900));
    browser.get(app.url(url));
    long inner = (Long) js("return window.innerWidth");
    assertThat(inner).as("the window is " + width + " px wide").isBetween(width - 20L, (long) width);
  }

  static void noSidewaysScroll(int width) {
    assertThat(Browser.sidewaysOverflow(browser)).as(width + " px: the page is no wider than the window").isZero();
  }

  static Map<String, Object> inSight(WebElement e) {
    return Browser.inSight(browser, e);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> rect(WebElement e) {
    return (Map<String, Object>) js("const r = arguments[0].getBoundingClientRect(); return {left: r.left, width: r.width};", e);
  }

  /** A screenshot of the window scrolled to the top, or down to {@code scrolledTo} (a CSS selector). */
  static void shot(String page, int width, String scrolledTo) throws Exception {
    js("window.scrollTo(0, arguments[0] == null ? 0 : document.querySelector(arguments[0]).getBoundingClientRect().top + scrollY - 8)",
        scrolledTo);
    Path shot = Browser.screenshot(browser, Path.of("target", "screenshots", "widths-" + page + "-" + width + ".png"));
    assertThat(Files.size(shot)).isGreaterThan(5_000);
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
