package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.Browser;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Search to compare with the keyboard alone, in a real (headless) browser: from the search box,
 * past the filters by the skip link, to a result; two results ticked with Space; the Compare
 * button. Focus must show each step: our own ring, in the screenshots under target/screenshots.
 */
@OnBothStores
class KeyboardBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");

  static TestApp app;
  static WebDriver driver;

  @BeforeAll
  static void start() {
    app = TestApp.sharedReadOnly();
    driver = Browser.start();
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }

  @AfterAll
  static void stop() {
    Browser.quit(driver);
  }

  @Test
  void fromTheSearchBoxToAResultAndOnToCompareByKeyboard() {
    driver.get(app.url("/?q=amzn2-ami-ecs"));
    WebElement box = driver.findElement(By.cssSelector("form.searchbar input[name=q]"));
    assertThat(focused()).as("the search box has focus when the page opens").isEqualTo(box);

    press(Keys.TAB);
    assertThat(focused().getText()).isEqualTo("Search");
    press(Keys.TAB);
    WebElement skip = focused();
    assertThat(skip.getText()).as("the next stop skips the filters").isEqualTo("Skip to results");
    assertThat(skip.isDisplayed()).isTrue();
    assertFocusRing(skip);
    press(Keys.ENTER);

    press(Keys.TAB);
    assertThat(focused().getText()).as("the first stop in the results: the heading that sorts by name").isEqualTo("Name");
    for (int stops = 0; stops < 10 && !"checkbox".equals(focused().getAttribute("type")); stops++) press(Keys.TAB);
    WebElement first = focused();
    assertThat(first.getAttribute("type")).isEqualTo("checkbox");
    assertThat(first.getAttribute("aria-label")).startsWith("Compare ami-");
    press(Keys.SPACE);
    assertThat(first.isSelected()).isTrue();
    press(Keys.TAB);
    WebElement result = focused();
    assertThat(result.getAttribute("href")).as("a result: its image's page").contains("/images/");
    assertThat(result.findElement(By.xpath("./ancestor::td")).getAttribute("class")).isEqualTo("name c-name");
    assertFocusRing(result);
    Browser.screenshot(driver, SHOTS.resolve("keyboard-1-result-focused.png"));

    press(Keys.TAB);
    WebElement second = focused();
    assertThat(second.getAttribute("type")).isEqualTo("checkbox");
    press(Keys.SPACE);
    assertThat(second.isSelected()).isTrue();
    assertFocusRing(second);
    Browser.screenshot(driver, SHOTS.resolve("keyboard-2-second-ticked.png"));

    // Back past the first result, the sorting headings, the compare tray and the column chooser to the Compare button.
    for (int i = 0; i < 20 && !focused().getText().equals("Compare selected"); i++) {
      new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }
    WebElement compare = focused();
    assertThat(compare.getText()).isEqualTo("Compare selected");
    assertFocusRing(compare);
    Browser.screenshot(driver, SHOTS.resolve("keyboard-3-compare-button.png"));
    String firstId = first.getAttribute("value"), secondId = second.getAttribute("value");
    press(Keys.ENTER);

    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.compare")));
    assertThat(driver.getCurrentUrl()).contains("/compare?")
        .contains(URLEncoder.encode(firstId, StandardCharsets.UTF_8)).contains(URLEncoder.encode(secondId, StandardCharsets.UTF_8));
    assertThat(driver.findElements(By.cssSelector("table.compare thead th.image"))).hasSize(2);
    assertThat(Browser.consoleErrors(driver)).as("browser console errors").isEmpty();
  }

  /** "Newest only" (of each family) is the first stop in the filters: Enter turns it on, and again off. */
  @Test
  void theNewestOfEachFamilyToggleIsReachedAndUsedByKeyboard() {
    driver.get(app.url("/?q=amzn2-ami-ecs"));
    int every = Integer.parseInt(driver.findElement(By.cssSelector(".total")).getText().replaceAll("[^0-9]", ""));
    for (int stops = 0; stops < 8 && !focused().getText().startsWith("Newest only"); stops++) press(Keys.TAB);
    WebElement toggle = focused();
    assertThat(toggle.getText()).as("reached by Tab after the box, its button, the skip link and the filters' summary")
        .startsWith("Newest only");
    assertFocusRing(toggle);
    Browser.screenshot(driver, SHOTS.resolve("keyboard-4-newest-toggle.png"));
    int promised = Integer.parseInt(toggle.findElement(By.cssSelector(".n")).getText());
    press(Keys.ENTER);

    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("newest=1"));
    int newest = Integer.parseInt(driver.findElement(By.cssSelector(".total")).getText().replaceAll("[^0-9]", ""));
    assertThat(newest).isEqualTo(promised).isLessThan(every);
    WebElement on = driver.findElement(By.cssSelector("section.facet[data-facet=newest] a"));
    assertThat(on.getAttribute("aria-current")).isEqualTo("true");
    on.sendKeys(Keys.ENTER);
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.not(ExpectedConditions.urlContains("newest=1")));
    assertThat(driver.findElement(By.cssSelector(".total")).getText().replaceAll("[^0-9]", "")).isEqualTo(Integer.toString(every));
  }

  static void press(CharSequence key) {
    new Actions(driver).sendKeys(key).perform();
  }

  static WebElement focused() {
    return driver.switchTo().activeElement();
  }

  /** Focus shows as our own ring: a solid outline at least 2 px wide, in the focus colour. */
  @SuppressWarnings("unchecked")
  static void assertFocusRing(WebElement e) {
    Map<String, Object> ring = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("""
        const s = getComputedStyle(arguments[0]);
        const r = arguments[0].getBoundingClientRect();
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
          visible: r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
          focusVisible: arguments[0].matches(':focus-visible')};""", e);
    assertThat(ring.get("focusVisible")).as("focus is shown as from the keyboard").isEqualTo(true);
    assertThat(ring.get("style")).isEqualTo("solid");
    assertThat(((Number) ring.get("width")).doubleValue()).isGreaterThanOrEqualTo(2);
    assertThat(ring.get("color")).isEqualTo("rgb(23, 78, 166)");
    assertThat(ring.get("visible")).as("the focused element is in the window").isEqualTo(true);
  }
}
