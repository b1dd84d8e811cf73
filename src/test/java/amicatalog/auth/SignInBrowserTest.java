package amicatalog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Browser;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.web.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * A team's catalog in a real browser: an operator signs in, searches and launches (against moto);
 * a viewer sees no launch button, and a launch form posted anyway is refused.
 */
@OnBothStores
class SignInBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  @TempDir Path dir;

  @Test
  void anOperatorSignsInAndLaunchesAViewerCannot() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    Ec2Client ec2 = Aws.ec2(moto.endpoint(), "us-east-1");
    WebDriver driver = null;
    try (AwsAccess aws = new AwsAccess(moto.endpoint());
         TestApp app = TestApp.startSignedIn(dir, aws, Map.of("otto", Role.OPERATOR, "vera", Role.VIEWER))) {
      app.sync(aws, List.of("us-east-1"), EnumSet.of(Scope.AMAZON));
      String imageId = ec2.describeImages(b -> b.owners("amazon").filters(f -> f.name("architecture").values("x86_64")))
          .images().stream().filter(i -> "ebs".equals(i.rootDeviceTypeAsString()) && i.platform() == null)
          .map(Image::imageId).sorted().findFirst().orElseThrow();
      String name = ec2.describeImages(b -> b.imageIds(imageId)).images().get(0).name();
      driver = Browser.start();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

      driver.get(app.url("/images/us-east-1/" + imageId));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-form")));
      assertThat(driver.getCurrentUrl()).contains("/login?next=");
      driver.findElement(By.id("name")).sendKeys("otto");
      driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
      Browser.screenshot(driver, SHOTS.resolve("sign-in.png"));
      driver.findElement(By.id("sign-in")).click();

      wait.until(ExpectedConditions.urlContains("/images/us-east-1/" + imageId));  // back where it was going
      assertThat(driver.findElement(By.id("sign-out-form")).getText()).contains("otto (operator)");
      driver.get(app.url("/?q=" + name));
      assertThat(driver.findElements(By.cssSelector("#compare-form input[value='us-east-1/" + imageId + "']"))).hasSize(1);
      driver.get(app.url("/images/us-east-1/" + imageId));
      driver.findElement(By.linkText("Launch…")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("check-launch"))).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-launch"))).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("instances")));
      assertThat(ec2.describeInstances().reservations()).hasSize(1);
      String logged = app.db.read(h -> h.createQuery("SELECT who FROM actions WHERE status = 'started'").mapTo(String.class).one());
      assertThat(logged).startsWith("otto as ");
      driver.findElement(By.cssSelector("#sign-out-form button")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-form")));

      // The viewer: no launch button, and the form posted anyway is refused; nothing more starts.
      FormSession vera = new FormSession(app);
      assertThat(vera.signIn("vera", TestApp.PASSWORD).statusCode()).isEqualTo(303);
      assertThat(vera.page("/images/us-east-1/" + imageId).select("a:contains(Launch…)")).isEmpty();
      FormSession otto = new FormSession(app);
      otto.signIn("otto", TestApp.PASSWORD);
      var form = (FormElement) otto.page("/images/us-east-1/" + imageId + "/launch").selectFirst("form#launch-form");
      Map<String, List<String>> fields = FormSession.fields(form);
      fields.put("_csrf", List.of(vera.csrfTokenFrom("/login")));
      HttpResponse<String> refused = vera.post("/images/us-east-1/" + imageId + "/launch", fields);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(FormSession.parse(refused).text()).contains("needs an operator");
      assertThat(ec2.describeInstances().reservations()).hasSize(1);
      assertThat(Browser.consoleErrors(driver)).isEmpty();
    } finally {
      Browser.quit(driver);
    }
  }
}
