package amicatalog.copy;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Browser;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A copy to the missing regions clicked through in a real browser (headless chromium) against
 * moto: matrix row → pick regions → dry runs → confirm → progress. Screenshots go to target/screenshots.
 */
@OnBothStores
class CopyBrowserTest {
  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  AwsAccess aws;
  TestApp app;
  WebDriver browser;

  @BeforeEach
  void start() {
    moto.reset();
    aws = new AwsAccess(moto.endpoint());
    app = TestApp.start(dir, aws, false, null, null);
    browser = Browser.start();
    browser.manage().window().setSize(new Dimension(1400, 900));
  }

  @AfterEach
  void stop() {
    Browser.quit(browser);
    app.close();
    aws.close();
  }

  void shot(String name) {
    Browser.screenshot(browser, Path.of("target", "screenshots", name + ".png"));
  }

  @Test
  void copyingFromTheMatrixRowToTheProgressView() {
    Aws.createOwnImage(Aws.ec2(moto.endpoint(), "us-east-1"), "builder-20250505");
    app.sync(aws, List.of("us-east-1", "eu-west-1"), Scope.DEFAULTS);

    browser.get(app.url("/audit"));
    shot("audit-own-images");
    browser.findElement(By.cssSelector("td.sum a.copy")).click();
    assertThat(browser.findElements(By.cssSelector("input[name=region]:checked"))).hasSize(2);
    browser.findElement(By.cssSelector("input[name=region][value=ap-southeast-6]")).click();  // untick
    shot("copy-form");
    browser.findElement(By.id("check-copy")).click();

    // The check makes a dry run per region against the emulator: on a busy machine that outlasts the click.
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("#dry-runs tbody")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("#dry-runs tbody")).getText()).contains("eu-west-1").contains("would copy");
    shot("copy-confirm");
    browser.findElement(By.id("confirm-copy")).click();

    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("tr.mine")).getAttribute("data-status")
        .equals("available"));
    assertThat(browser.getCurrentUrl()).contains("/audit/copies?batch=");
    assertThat(browser.findElement(By.cssSelector("tr.mine")).getText()).contains("us-east-1 → eu-west-1");
    shot("copy-progress");
  }
}
