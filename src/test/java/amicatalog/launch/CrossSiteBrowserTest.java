package amicatalog.launch;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Browser;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The forged-form attack of the security review, in a real browser: a page on another loopback
 * port (a dev server, a notebook) sets the CSRF cookie for 127.0.0.1 (cookies do not separate
 * ports) and auto-submits a launch confirmation with the same value in the field. Nothing starts.
 */
@OnBothStores
class CrossSiteBrowserTest {
  @TempDir Path dir;

  @Test
  void aPageOnAnotherLoopbackPortCannotLaunchByAutoSubmit() throws IOException {
    MotoServer moto = MotoServer.get();
    moto.reset();
    Ec2Client ec2 = Aws.ec2(moto.endpoint(), "us-east-1");
    HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    WebDriver driver = null;
    try (AwsAccess aws = new AwsAccess(moto.endpoint()); TestApp app = TestApp.start(dir, aws, false, null, null)) {
      app.sync(aws, List.of("us-east-1"), EnumSet.of(Scope.AMAZON));
      String imageId = LaunchMotoTest.x86EbsLinuxImage(ec2);
      String subnet = ec2.describeSubnets().subnets().get(0).subnetId();
      String forged = "abcdef0123456789abcdef0123456789";
      String page = """
          <!doctype html><title>cute cats</title>
          <form id="f" method="post" action="%s/images/us-east-1/%s/launch/confirm">
            <input name="_csrf" value="%s"><input name="nonce" value="%s">
            <input name="instanceType" value="t3.micro"><input name="count" value="10"><input name="subnetId" value="%s">
          </form>
          <script>
            document.cookie = "ami_csrf=%s; path=/";
            document.getElementById("f").submit();
          </script>""".formatted(app.base, imageId, forged, forged, subnet, forged);
      attacker.createContext("/", exchange -> {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      attacker.start();
      driver = Browser.start();

      driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");

      // The browser follows the auto-submit to the catalog, which answers with its refusal.
      new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(app.base.toString()));
      String refusal = driver.findElement(By.tagName("body")).getText();
      assertThat(refusal).contains("did not come from a page of this catalog");
      assertThat(ec2.describeInstances().reservations()).isEmpty();
      int actions = app.db.read(h -> h.createQuery("SELECT count(*) FROM actions").mapTo(Integer.class).one());
      assertThat(actions).isZero();
    } finally {
      Browser.quit(driver);
      attacker.stop(0);
    }
  }
}
