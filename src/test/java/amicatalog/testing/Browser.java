package amicatalog.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A headless Chrome driven by Selenium, on Debian's chromium and chromedriver: nothing is
 * downloaded, and Selenium Manager is never asked. A missing browser is a failure, not a skip.
 */
public final class Browser {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** A fresh headless browser with its own profile; {@link #quit} it when done. */
  public static WebDriver start() {
    for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(p + " is missing: install Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver); .ci/run does.");
      }
    }
    // The driver is given below, so Selenium Manager is skipped; should anything still reach it, keep it offline.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    System.setProperty("SE_OFFLINE", "true");
    Path profile;
    try {
      profile = Files.createTempDirectory("ami-catalog-chrome-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1000", "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(profile)));
    return driver;
  }

  public static void quit(WebDriver driver) {
    if (driver != null) driver.quit();
  }

  /**
   * The browser console's errors (script errors, CSP violations, failed loads) since the last call.
   */
  public static List<String> consoleErrors(WebDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList();
  }

  /** Saves what the browser shows now as a PNG at {@code file}, creating its directory. */
  public static Path screenshot(WebDriver driver, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(shot.toPath());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How much wider the page is than the window (0 when the page does not scroll sideways). */
  public static long sidewaysOverflow(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    return (Long) js.executeScript("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
  }

  /**
   * Whether {@code e} lies within the window sideways (left ≥ 0, right ≤ innerWidth), and, once
   * the page is scrolled down (never sideways) to it, whether its middle shows it and not a sticky
   * column or anything else over it: {inside, shown, left, right, innerWidth, hit}.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> inSight(WebDriver driver, WebElement e) {
    return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("""
        const e = arguments[0];
        window.scrollTo(0, Math.max(0, e.getBoundingClientRect().top + scrollY - 80));
        const r = e.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20));
        return {inside: r.left >= 0 && r.right <= innerWidth && r.width > 0, shown: !!hit && (hit === e || e.contains(hit)),
          left: r.left, right: r.right, innerWidth: innerWidth, hit: hit ? hit.outerHTML.slice(0, 80) : null};""", e);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a temp profile left behind is harmless
    }
  }
}
