package amicatalog.launch;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Browser;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
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
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The whole path in a real browser (headless Chromium) against the real app and moto: search, check
 * two rows, compare, only differences, open one, launch, confirm, and the result with an instance id.
 * Each step is saved as a screenshot in target/screenshots/.
 */
@OnBothStores
class LaunchBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  AwsAccess aws;
  TestApp app;
  WebDriver driver;
  WebDriverWait wait;

  @BeforeEach
  void start() {
    moto.reset();
    aws = new AwsAccess(moto.endpoint());
    app = TestApp.start(dir, aws, false, null, null);
    app.sync(aws, List.of("us-east-1"), EnumSet.of(Scope.AMAZON));
    driver = Browser.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    Browser.quit(driver);
    app.close();
    aws.close();
  }

  @Test
  void searchCompareOnlyDifferencesOpenLaunchConfirmAndSeeTheInstance() {
    Ec2Client ec2 = Aws.ec2(moto.endpoint(), "us-east-1");
    String imageId = LaunchMotoTest.x86EbsLinuxImage(ec2);
    String name = ec2.describeImages(b -> b.imageIds(imageId)).images().get(0).name();

    driver.get(app.url("/?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8)));
    List<WebElement> boxes = driver.findElements(By.cssSelector("#compare-form input[type=checkbox][name=id]"));
    assertThat(boxes).hasSizeGreaterThanOrEqualTo(2);
    WebElement ours = driver.findElement(By.cssSelector("#compare-form input[value='us-east-1/" + imageId + "']"));
    ours.click();
    boxes.stream().filter(b -> !b.equals(ours)).findFirst().orElseThrow().click();
    shoot("1-search");
    driver.findElement(By.xpath("//button[normalize-space()='Compare selected']")).click();

    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.compare")));
    assertThat(driver.findElements(By.cssSelector("table.compare thead th.image"))).hasSize(2);
    assertThat(driver.findElements(By.cssSelector("table.compare tr.differs"))).isNotEmpty();
    shoot("2-compare");
    driver.findElement(By.id("toggle-differences")).click();

    wait.until(ExpectedConditions.urlContains("diff=1"));
    assertThat(driver.findElements(By.cssSelector("table.compare tr.same"))).isEmpty();
    shoot("3-compare-only-differences");
    driver.findElement(By.cssSelector("table.compare thead a.title[href$='" + imageId + "']")).click();

    wait.until(ExpectedConditions.urlContains("/images/us-east-1/" + imageId));
    driver.findElement(By.linkText("Launch…")).click();

    WebElement nameField = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("name")));
    assertThat(driver.findElement(By.cssSelector("#instanceType option:checked")).getAttribute("value")).isEqualTo("t3.micro");
    nameField.sendKeys("from-the-browser");
    shoot("4-launch-form");
    driver.findElement(By.id("check-launch")).click();

    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-form")));
    assertThat(driver.findElement(By.id("what-starts")).getText()).contains("from-the-browser").contains("t3.micro");
    shoot("5-confirm");
    driver.findElement(By.id("confirm-launch")).click();

    WebElement instances = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("instances")));
    List<Instance> started = ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream()).toList();
    assertThat(started).hasSize(1);
    assertThat(instances.getText()).contains(started.get(0).instanceId());
    assertThat(started.get(0).tags()).anyMatch(t -> t.key().equals("Name") && t.value().equals("from-the-browser"));
    shoot("6-result");
    driver.findElement(By.linkText("Launches")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("launch-log")));
    shoot("7-launch-log");
    assertThat(Browser.consoleErrors(driver)).as("script errors or CSP violations").isEmpty();

    // What a refusal looks like: a form a browser would not send (an arm64 type, 11 instances), sent anyway.
    driver.get(app.url("/images/us-east-1/" + imageId + "/launch"));
    ((JavascriptExecutor) driver).executeScript("""
        const type = document.getElementById('instanceType');
        type.add(new Option('t4g.micro', 't4g.micro', true, true));
        const count = document.getElementById('count');
        count.removeAttribute('max');
        count.value = '11';""");
    driver.findElement(By.id("check-launch")).click();
    WebElement problems = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("problems")));
    assertThat(problems.getText()).contains("t4g.micro runs arm64 images; this image is x86_64.")
        .contains("The number of instances must be a whole number from 1 to 10.");
    shoot("8-refused");
    assertThat(ec2.describeInstances().reservations()).hasSize(1);
    // Chrome logs the 422 itself as an error; anything else would be a script error or a CSP violation.
    assertThat(Browser.consoleErrors(driver)).allMatch(e -> e.contains("status of 422"));
  }

  /** The whole page, not just the window: grow the window to the page's height for the shot. */
  void shoot(String name) {
    long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(1400, (int) Math.min(Math.max(height + 140, 600), 4000)));
    Browser.screenshot(driver, SHOTS.resolve(name + ".png"));
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }
}
