package amicatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.Browser;
import amicatalog.testing.OnBothStores;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The matrix in a real browser (headless Debian chromium): its colours, headers that stay put
 * while the matrix scrolls under them, both ways, and the keyboard: skip links around it, and
 * focus that never hides under the sticky parts. Leaves screenshots in target/screenshots.
 */
@OnBothStores
class AuditBrowserTest {
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

  @SuppressWarnings("unchecked")
  static Map<String, Number> rect(WebElement e) {
    return (Map<String, Number>) ((JavascriptExecutor) browser).executeScript(
        "const r = arguments[0].getBoundingClientRect(); return {top: r.top, left: r.left};", e);
  }

  @Test
  void theMatrixIsColouredAndItsHeadersStickWhileItScrolls() throws Exception {
    browser.manage().window().setSize(new Dimension(900, 700));
    browser.get(app.url("/audit?owner=amazon"));
    WebElement wrap = browser.findElement(By.cssSelector(".matrix-wrap"));
    List<WebElement> current = browser.findElements(By.cssSelector("table.matrix tbody td:not([class])"));
    List<WebElement> missing = browser.findElements(By.cssSelector("table.matrix tbody td.c-missing"));
    assertThat(current).isNotEmpty();
    assertThat(missing).isNotEmpty();
    assertThat(current.get(0).getCssValue("background-color")).isEqualTo("rgba(209, 250, 223, 1)");
    assertThat(missing.get(0).getCssValue("background-color")).isEqualTo("rgba(255, 241, 240, 1)");

    WebElement regionHeader = browser.findElement(By.cssSelector("thead th.region"));
    WebElement familyHeader = browser.findElement(By.cssSelector("tbody th.fam"));
    double headerTop = rect(regionHeader).get("top").doubleValue();
    double familyLeft = rect(familyHeader).get("left").doubleValue();
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollTop = 400; arguments[0].scrollLeft = 300;", wrap);
    assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return arguments[0].scrollTop;", wrap)).intValue())
        .as("the matrix scrolled").isGreaterThan(100);

    assertThat(rect(regionHeader).get("top").doubleValue()).as("region headers stay on top").isEqualTo(headerTop);
    assertThat(rect(familyHeader).get("left").doubleValue()).as("family names stay on the left").isEqualTo(familyLeft);

    browser.manage().window().setSize(new Dimension(1600, 1000));
    browser.get(app.url("/audit?owner=amazon&name=ecs"));
    Path shot = Browser.screenshot(browser, Path.of("target", "screenshots", "audit-matrix.png"));
    assertThat(Files.size(shot)).isGreaterThan(10_000);
  }

  @Test
  void everyKindOfCellIsReadableAndNamedByWhatItsLinkDoes() {
    browser.manage().window().setSize(new Dimension(1400, 1000));
    browser.get(app.url("/audit?owner=amazon"));
    // Text against its cell, for each kind the legend shows and each kind on the page: WCAG's 4.5:1.
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> contrasts = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript("""
        const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        return [...document.querySelectorAll('.legend .cell, table.matrix tbody td:not(.sum)')].map(e => {
          const s = getComputedStyle(e.querySelector('a') || e);
          return {kind: e.className || 'newest', ratio: ratio(s.color, getComputedStyle(e).backgroundColor)};
        });""");
    assertThat(contrasts).extracting(c -> c.get("kind")).contains("cell c-missing", "cell c-failed", "c-missing", "newest");
    assertThat(contrasts).allSatisfy(c ->
        assertThat(((Number) c.get("ratio")).doubleValue()).as(c.get("kind") + " contrast").isGreaterThanOrEqualTo(4.5));

    List<String> regions = browser.findElements(By.cssSelector("table.matrix thead th.region")).stream().map(WebElement::getText).toList();
    WebElement row = browser.findElements(By.cssSelector("table.matrix tbody tr")).stream()
        .filter(tr -> !tr.findElements(By.cssSelector("td.c-missing a")).isEmpty() && !tr.findElements(By.cssSelector("td:not([class]) a")).isEmpty())
        .findFirst().orElseThrow();
    List<WebElement> cells = row.findElements(By.cssSelector("td:not(.sum)"));
    assertThat(cells).hasSameSizeAs(regions);
    for (int i = 0; i < regions.size(); i++) {
      String kind = cells.get(i).getAttribute("class");
      String name = cells.get(i).findElement(By.tagName("a")).getAccessibleName();
      if (kind.isEmpty()) assertThat(name).isEqualTo(regions.get(i) + ": newest version");
      else if (kind.equals("c-missing")) assertThat(name).isEqualTo("copy to " + regions.get(i));
      else assertThat(name).startsWith(regions.get(i) + ": ");
    }
  }

  @Test
  void theKeyboardSkipsTheMatrixOrWalksItWithFocusAlwaysInSight() {
    // Narrow and short: the matrix scrolls both ways inside its box, under its sticky header, footer
    // and column; at 400 px wide, a phone's, the family column is narrower and the totals label wraps.
    for (int width : new int[] {620, 400}) {
      browser.manage().window().setSize(new Dimension(width, 700));
      browser.get(app.url("/audit?owner=amazon&name=ecs"));
      assertThat((Boolean) ((JavascriptExecutor) browser).executeScript("""
          const w = document.querySelector('.matrix-wrap');
          return w.scrollWidth > w.clientWidth && w.scrollHeight > w.clientHeight;""")).as("the matrix scrolls both ways").isTrue();
      ((JavascriptExecutor) browser).executeScript("document.querySelector('.audit-filters a.button').focus()");
      tab(false);
      WebElement skip = focused();
      assertThat(skip.getText()).isEqualTo("Skip past the matrix");
      assertThat(skip.isDisplayed()).isTrue();
      Browser.screenshot(browser, Path.of("target", "screenshots", "audit-skip-link-" + width + ".png"));
      new Actions(browser).sendKeys(Keys.ENTER).perform();
      assertThat(focused().getText()).as("one key past the matrix").isEqualTo("Skip back above the matrix");

      // Back through every stop of the matrix, then forward again: each one in sight, not under a sticky part.
      int stops = 0;
      for (boolean back : new boolean[] {true, false}) {
        for (int i = 0; ; i++) {
          assertThat(i).as("the matrix ends").isLessThan(2000);
          tab(back);
          Map<String, Object> f = focusInSight();
          if (!(Boolean) f.get("inMatrix")) {
            assertThat(focused().getText()).isEqualTo(back ? "Skip past the matrix" : "Skip back above the matrix");
            break;
          }
          stops++;
          assertThat(f.get("hidden")).as(width + " px, " + (back ? "Shift+Tab to " : "Tab to ") + f.get("what")).isEqualTo(List.of());
        }
      }
      assertThat(stops).as("links in the matrix, walked both ways").isGreaterThan(100);
    }
  }

  static WebElement focused() {
    return browser.switchTo().activeElement();
  }

  static void tab(boolean back) {
    Actions keys = new Actions(browser);
    (back ? keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT) : keys.sendKeys(Keys.TAB)).perform();
  }

  /**
   * Whether the focused element is in the matrix, and which of its middle and corners (2 px in)
   * something else covers, or the window or the matrix's box cuts off.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> focusInSight() {
    return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
        const a = document.activeElement, r = a.getBoundingClientRect();
        const points = {middle: [r.left + r.width / 2, r.top + r.height / 2], topLeft: [r.left + 2, r.top + 2],
          bottomRight: [r.right - 2, r.bottom - 2]};
        const hidden = Object.entries(points).filter(([, [x, y]]) => {
          const hit = document.elementFromPoint(x, y);
          return !hit || !(hit === a || a.contains(hit));
        }).map(([k, [x, y]]) => { const hit = document.elementFromPoint(x, y);
          return k + ' (' + Math.round(x) + ', ' + Math.round(y) + ') shows ' + (hit ? hit.outerHTML.slice(0, 60) : 'nothing'); });
        return {inMatrix: !!a.closest('.matrix-wrap'), hidden: hidden, what: a.outerHTML.slice(0, 140)};""");
  }
}
