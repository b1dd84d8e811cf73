package amicatalog.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Axe;
import amicatalog.testing.Browser;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.web.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;

/**
 * A public image found and made private through the pages, in a real browser (headless Chromium),
 * by a signed-in operator, against moto's EC2: one owned image made public by mistake, one shared
 * with an account outside the catalog, one kept private. The exposure page lists the first two with
 * who outside may launch them; "Make private…" asks EC2 for a dry run, then the confirmation removes
 * 'all' once; EC2 (through the SDK) no longer has it public, the page and the log say so, and the
 * next sync records "made-private" in the image's history and the exposure feed. axe checks every
 * page on the way; screenshots go to target/screenshots/exposure-*.png.
 */
@OnBothStores
class ExposureBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final String REGION = "us-east-1", OUTSIDER = "999999999999";

  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  AwsAccess aws;
  TestApp app;
  Ec2Client ec2;
  WebDriver driver;
  WebDriverWait wait;
  final List<String> accessibility = new ArrayList<>();

  @BeforeEach
  void start() {
    moto.reset();
    aws = new AwsAccess(moto.endpoint());
    app = TestApp.startSignedIn(dir, aws, Map.of("otto", Role.OPERATOR));
    ec2 = Aws.ec2(moto.endpoint(), REGION);
    driver = Browser.start();
    driver.manage().window().setSize(new Dimension(1400, 1000));
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    Browser.quit(driver);
    app.close();
    aws.close();
  }

  @Test
  void aPublicImageIsFoundAndMadePrivateThroughThePages() {
    String leaked = Aws.createOwnImage(ec2, "team-base-20250101");
    String shared = Aws.createOwnImage(ec2, "team-app-20250101");
    String kept = Aws.createOwnImage(ec2, "team-db-20250101");
    ec2.modifyImageAttribute(b -> b.imageId(leaked).launchPermission(p -> p.add(LaunchPermission.builder().group(PermissionGroup.ALL).build())));
    ec2.modifyImageAttribute(b -> b.imageId(shared).launchPermission(p -> p.add(LaunchPermission.builder().userId(OUTSIDER).build())));
    assertThat(app.sync(aws, List.of(REGION), java.util.EnumSet.of(Scope.SELF)).status()).isEqualTo("ok");

    driver.get(app.url("/exposure"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-form")));
    driver.findElement(By.id("name")).sendKeys("otto");
    driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exposure-summary")));
    assertThat(text("#exposure-summary")).isEqualTo(
        "2 of 3 owned images can be launched from outside the catalog's accounts: 1 public, 1 shared outside only.");
    String table = text("#exposed-images");
    assertThat(table).contains("team-base-20250101").contains("everyone (public)").contains("team-app-20250101").contains(OUTSIDER)
        .doesNotContain("team-db-20250101").doesNotContain(kept);
    check("exposure-1-found");

    // The leaked one: its "Make private…" link, the dry run, the confirmation.
    driver.findElements(By.cssSelector("#exposed-images tr")).stream().filter(tr -> tr.getText().contains(leaked)).findFirst()
        .orElseThrow().findElement(By.linkText("Make private…")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("check-sharing")));
    assertThat(driver.findElement(By.cssSelector("input[name=grantee][value=all]")).isSelected()).as("preselected").isTrue();
    check("exposure-2-form");
    driver.findElement(By.id("check-sharing")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-sharing")));
    assertThat(text("#sharing-check")).startsWith("Make " + leaked + " in " + REGION + " private").contains("Allowed");
    assertThat(isPublic(leaked)).as("a dry run changes nothing").isTrue();
    check("exposure-3-confirm");
    driver.findElement(By.id("confirm-sharing")).click();

    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sharing-done")));
    assertThat(text("#sharing-done")).isEqualTo("Make " + leaked + " in " + REGION + " private: done");
    assertThat(isPublic(leaked)).as("EC2 says").isFalse();
    assertThat(text("#exposure-summary")).startsWith("1 of 3 owned images can be launched from outside");
    assertThat(text("#exposed-images")).doesNotContain(leaked).contains(shared);
    check("exposure-4-done");
    String logged = app.db.read(h -> h.createQuery("SELECT who || ' ' || kind || ' ' || status FROM actions WHERE image_id = ?")
        .bind(0, leaked).mapTo(String.class).one());
    assertThat(logged).startsWith("otto").contains("make-private done");

    // The next sync sees it private: its history says so, and so does the exposure feed.
    app.sync(aws, List.of(REGION), java.util.EnumSet.of(Scope.SELF));
    driver.get(app.url("/images/" + REGION + "/" + leaked));
    assertThat(text("#history")).contains("isPublic: true → false");
    assertThat(text("#launch-permissions")).startsWith("Only its owner");
    check("exposure-5-detail");
    assertThat(Browser.consoleErrors(driver)).as("script errors or CSP violations").isEmpty();
    // The feed, as the signed-in browser fetches it (a bare document: the browser also asks for a favicon).
    driver.get(app.url("/feeds/exposure.atom"));
    assertThat(driver.getPageSource()).contains("Made private in " + REGION + ": team-base-20250101");
    assertThat(accessibility).as("axe: critical and serious WCAG 2.1 AA violations").isEmpty();
  }

  private boolean isPublic(String imageId) {
    return ec2.describeImageAttribute(b -> b.imageId(imageId).attribute(ImageAttributeName.LAUNCH_PERMISSION)).launchPermissions()
        .stream().anyMatch(p -> p.group() == PermissionGroup.ALL);
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  private void check(String name) {
    for (Axe.Violation v : Axe.failing(driver)) accessibility.add(name + ": " + v);
    long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(1400, (int) Math.min(Math.max(height + 140, 600), 4000)));
    Browser.screenshot(driver, SHOTS.resolve(name + ".png"));
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }
}
