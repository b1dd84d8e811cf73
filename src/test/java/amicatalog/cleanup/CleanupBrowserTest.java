package amicatalog.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * The clean-up of owned images clicked through in a real browser (headless Chromium) by a signed-in
 * operator, against moto's EC2: a family of four versions made from instances; the clean-up page
 * keeps the one the sync saw an instance run and proposes the two other superseded ones; the one an
 * instance runs since the sync is refused at its check with a sentence that says why, and nothing is
 * offered to confirm; the other is deregistered with its snapshot. EC2 (through the SDK) no longer
 * has it, the result page, the clean-up log (with the user), the image's history and its family's
 * feed say so. axe checks every page on the way; screenshots go to
 * target/screenshots/cleanup-*.png.
 */
@OnBothStores
class CleanupBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");

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
    ec2 = Aws.ec2(moto.endpoint(), "us-east-1");
    driver = Browser.start();
    driver.manage().window().setSize(new Dimension(1400, 1000));
    // The check asks EC2 for the account's instances and a dry run per call: on a busy machine that outlasts a click.
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    Browser.quit(driver);
    app.close();
    aws.close();
  }

  private List<String> snapshotsOf(String imageId) {
    return Aws.snapshotsOf(ec2, imageId);
  }

  @Test
  void aSupersededImageIsDeregisteredWithItsSnapshotThroughThePagesAndOneInUseIsRefused() {
    String kept = Aws.createOwnImage(ec2, "team-base-20241201");
    String inUse = Aws.createOwnImage(ec2, "team-base-20250101");
    String old = Aws.createOwnImage(ec2, "team-base-20250201");
    String current = Aws.createOwnImage(ec2, "team-base-20250301");
    String seen = ec2.runInstances(b -> b.imageId(kept).instanceType("t3.micro").minCount(1).maxCount(1))
        .instances().get(0).instanceId();
    List<String> snapshots = snapshotsOf(old);
    assertThat(snapshots).as("moto gives a made image a snapshot").hasSize(1);
    String snapshot = snapshots.get(0);
    assertThat(Scope.DEFAULTS).as("the sync lists the instances").contains(Scope.INSTANCES);
    app.sync(aws, List.of("us-east-1"), Scope.DEFAULTS);
    // Started after the sync: the page cannot know; the check at deregister time asks EC2.
    String running = ec2.runInstances(b -> b.imageId(inUse).instanceType("t3.micro").minCount(1).maxCount(1))
        .instances().get(0).instanceId();

    // Signed in as an operator, on the clean-up page; today's images are candidates once "older than" is 0.
    driver.get(app.url("/cleanup"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-form")));
    driver.findElement(By.id("name")).sendKeys("otto");
    driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    WebElement older = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cleanup-rules input[name=older]")));
    older.clear();
    older.sendKeys("0");
    driver.findElement(By.cssSelector("#cleanup-rules button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("older=0"));
    assertThat(text("#cleanup-totals")).startsWith("2 of 4 owned images are candidates");
    assertThat(text("tr[data-image=" + old + "]")).contains("candidate").contains(snapshot);
    assertThat(text("tr[data-image=" + current + "]")).contains("kept: the newest of its family");
    // The sync saw an instance run the oldest: kept, with the instance named, and no Deregister button.
    assertThat(text("tr[data-image=" + kept + "]")).contains("kept: in use by 1 instance (" + seen + ")");
    assertThat(text("tr[data-image=" + kept + "] td.instances")).isEqualTo(seen + " (running)");
    assertThat(driver.findElements(By.cssSelector("tr[data-image=" + kept + "] a.button"))).isEmpty();
    check("cleanup-1-candidates");

    // The one an instance runs since the sync: the page proposes it, its check asks EC2 and refuses it.
    driver.findElement(By.cssSelector("tr[data-image=" + inUse + "] a.button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("check-deregister"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deregister-refused")));
    assertThat(text("#dry-runs")).contains("refused")
        .contains("In use: " + running + " (running) runs this image. Terminate it or move it to another image first.");
    assertThat(text("#deregister-refused")).isEqualTo(
        "Not everything passed its check, so there is nothing to confirm: nothing was changed.");
    assertThat(driver.findElements(By.id("confirm-form"))).isEmpty();
    check("cleanup-2-in-use-refused");
    assertThat(ec2.describeImages(b -> b.imageIds(inUse)).images()).hasSize(1);

    // The superseded one no instance runs: from the clean-up page, with its snapshot, checked, confirmed.
    // The "← Clean-up" crumb goes back to the page as it was set (older than 0 days), not to the default rules.
    driver.findElement(By.linkText("← Clean-up")).click();
    wait.until(ExpectedConditions.urlContains("/cleanup?older=0"));
    assertThat(driver.findElement(By.cssSelector("#cleanup-rules input[name=older]")).getAttribute("value")).isEqualTo("0");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-image=" + old + "] a.button"))).click();
    WebElement alsoSnapshots = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name=snapshots]")));
    if (!alsoSnapshots.isSelected()) alsoSnapshots.click();
    assertThat(alsoSnapshots.isSelected()).isTrue();
    assertThat(text("#snapshots")).contains(snapshot);
    check("cleanup-3-deregister-form");
    driver.findElement(By.id("check-deregister")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-form")));
    assertThat(text("#dry-runs")).contains(old).contains(snapshot).doesNotContain("refused");
    assertThat(text("#what-goes")).isEqualTo("This cannot be undone. Confirming deregisters " + old
        + " in us-east-1 and deletes the snapshots " + snapshot + ".");
    check("cleanup-4-confirm");
    driver.findElement(By.id("confirm-deregister")).click();

    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cleanup-outcome")));
    assertThat(driver.getCurrentUrl()).as("back to the rules the operator set").contains("/cleanup?older=0&done=");
    assertThat(driver.findElement(By.cssSelector("#cleanup-rules input[name=older]")).getAttribute("value")).isEqualTo("0");
    assertThat(text("#cleanup-totals")).startsWith("1 of 3 owned images are candidates");
    assertThat(text("#cleanup-outcome")).isEqualTo("Deregister " + old + " in us-east-1 and delete its snapshots " + snapshot
        + ": deregistered; snapshots deleted: " + snapshot);
    String logged = text("#cleanup-log tbody tr");
    assertThat(logged).contains("otto as ").contains("Deregister " + old).contains("done");
    assertThat(driver.findElements(By.cssSelector("tr[data-image=" + old + "]"))).as("no longer an owned image").isEmpty();
    check("cleanup-5-done");

    // EC2 agrees: the image and its snapshot are gone; the ones in use and the newest are still there.
    assertThat(ec2.describeImages(b -> b.imageIds(old)).images()).isEmpty();
    assertThatThrownBy(() -> ec2.describeSnapshots(b -> b.snapshotIds(snapshot)))
        .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound"));
    assertThat(ec2.describeImages(b -> b.imageIds(kept, inUse, current)).images()).hasSize(3);

    // The image's page: gone, saying who deregistered it through the catalog, in its notice and its history; its family's feed carries it.
    driver.get(app.url("/images/us-east-1/" + old));
    assertThat(driver.findElements(By.cssSelector("header .badge")).stream().map(WebElement::getText)).contains("gone");
    WebElement removed = driver.findElements(By.cssSelector("#history li")).stream()
        .filter(li -> li.findElement(By.cssSelector(".kind")).getText().equals("removed")).findFirst().orElseThrow();
    String today = app.db.read(h -> h.createQuery("SELECT substr(removed_at, 1, 10) FROM images WHERE image_id = ?").bind(0, old)
        .mapTo(String.class).one());
    assertThat(removed.getText()).contains("Deregistered through this catalog by otto on " + today)
        .endsWith(", with its snapshot " + snapshot + " deleted.").doesNotContain("deregisteredBy");
    assertThat(text("#gone-notice")).startsWith("This image is gone. Deregistered through this catalog by otto on " + today)
        .endsWith(", with its snapshot " + snapshot + " deleted.").doesNotContain("stopped seeing");
    check("cleanup-6-image-gone");
    driver.findElement(By.linkText("its feed")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("feed-entries")));
    assertThat(text("#feed-entries")).contains("Gone from us-east-1: team-base-20250201");
    check("cleanup-7-family-feed");

    assertThat(Browser.consoleErrors(driver)).as("script errors or CSP violations").isEmpty();
    assertThat(accessibility).as("axe: critical and serious WCAG 2.1 AA violations").isEmpty();
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  /** axe on the page shown now, and a screenshot of the whole page. */
  private void check(String name) {
    for (Axe.Violation v : Axe.failing(driver)) accessibility.add(name + ": " + v);
    long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(1400, (int) Math.min(Math.max(height + 140, 600), 4000)));
    Browser.screenshot(driver, SHOTS.resolve(name + ".png"));
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }
}
