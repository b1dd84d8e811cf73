package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.testing.Ec2Proxy;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.web.Role;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An AWS call a page makes that fails is logged once, with the signed-in user and the request id
 * the page was answered with (X-Request-Id), so a user's report leads to EC2's own answer. WireMock
 * in front of moto makes DescribeKeyPairs (asked by the launch form) fail as AWS fails.
 */
@OnBothStores
class AwsCallLogTest {
  @TempDir Path dir;

  @Test
  void aFailedCallOfAPageIsLoggedWithTheUserAndTheRequestId() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger awsLog = (Logger) LoggerFactory.getLogger("amicatalog.aws");
    log.start();
    try (Ec2Proxy proxy = new Ec2Proxy(moto); AwsAccess aws = new AwsAccess(proxy.endpoint());
         TestApp app = TestApp.startSignedIn(dir, aws, Map.of("alice", Role.OPERATOR))) {
      FormSession alice = new FormSession(app);
      assertThat(alice.signIn("alice", TestApp.PASSWORD).statusCode()).isEqualTo(303);
      String image = app.db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = 'us-east-1' LIMIT 1")
          .mapTo(String.class).one());
      proxy.failing("DescribeKeyPairs", false, null, 500, "InternalError", "An internal error has occurred");
      awsLog.addAppender(log);

      HttpResponse<String> form = alice.get("/images/us-east-1/" + image + "/launch");

      assertThat(form.statusCode()).as("EC2 failed, not the catalog: a bad gateway").isEqualTo(502);
      assertThat(form.body()).contains("An internal error has occurred");
      String requestId = form.headers().firstValue("X-Request-Id").orElseThrow();
      assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
          .filteredOn(line -> line.contains("DescribeKeyPairs")).singleElement().asString()
          .contains("Ec2 DescribeKeyPairs in us-east-1", "InternalError", "user=alice", "id=" + requestId);
    } finally {
      awsLog.detachAppender(log);
    }
  }
}
