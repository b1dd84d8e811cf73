package amicatalog.launch;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.testing.Aws;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Where launching is off (--read-only, or no AWS account), the pages say why and every POST is refused. */
@OnBothStores
class LaunchOffTest {
  static final String IMAGE = "/images/us-east-1/" + "%s" + "/launch";

  @TempDir Path dir;

  @Test
  void readOnlyExplainsItselfOffersNoFormAndRefusesEveryPost() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    Ec2Client ec2 = Aws.ec2(moto.endpoint(), "us-east-1");
    try (AwsAccess aws = new AwsAccess(moto.endpoint()); TestApp app = TestApp.start(dir, aws, true, null, null)) {
      FormSession browser = new FormSession(app);
      String launch = IMAGE.formatted(anyImage(app));

      Document d = browser.page(launch);

      assertThat(d.selectFirst("#launch-off").text()).contains("--read-only").contains("launching");
      assertThat(d.selectFirst("form#launch-form")).isNull();
      Map<String, List<String>> fields = Map.of("_csrf", List.of(browser.csrfToken()), "instanceType", List.of("t3.micro"),
          "count", List.of("1"), "nonce", List.of("0123456789abcdef0123456789abcdef"));
      for (String path : List.of(launch, launch + "/confirm")) {
        HttpResponse<String> refused = browser.post(path, fields);
        assertThat(refused.statusCode()).as(path).isEqualTo(409);
        assertThat(Jsoup.parse(refused.body()).text()).contains("This catalog runs with --read-only");
      }
      assertThat(ec2.describeInstances().reservations()).isEmpty();
      assertThat(browser.page("/launches").selectFirst("#launch-off").text()).contains("--read-only");
    }
  }

  @Test
  void withoutAwsAccessThePageSaysSo() {
    try (TestApp app = TestApp.start(dir, null, false, null, null)) {
      FormSession browser = new FormSession(app);

      Document d = browser.page(IMAGE.formatted(anyImage(app)));

      assertThat(d.selectFirst("#launch-off").text()).contains("no AWS access");
      assertThat(d.selectFirst("form#launch-form")).isNull();
      assertThat(browser.page("/launches").selectFirst(".notice h2").text()).isEqualTo("No launches yet");
    }
  }

  static String anyImage(TestApp app) {
    return app.db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = 'us-east-1' ORDER BY image_id LIMIT 1")
        .mapTo(String.class).one());
  }
}
