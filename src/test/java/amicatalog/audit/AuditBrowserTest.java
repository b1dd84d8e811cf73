package amicatalog.audit;

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
 * The matrix in a real browser (headless Debian chromium): its colours, and headers that stay put
 * while the matrix scrolls under them, both ways. Leaves a screenshot in target/.
 */
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
}
