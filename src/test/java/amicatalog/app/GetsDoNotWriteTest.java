package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.TestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A GET never writes: every page and API of the route table leaves the catalog file as it was. */
class GetsDoNotWriteTest {
  static final List<String> PAGES = List.of("/", "/?q=ecs&arch=arm64", "/api/images?owner=amazon", "/api/images.csv?region=eu-west-1",
      "/images/eu-west-1/ami-0badc0ffee0000001", "/images/ami-0badc0ffee0000001", "/api/images/eu-west-1/ami-0badc0ffee0000001", "/compare?id=eu-west-1/ami-0badc0ffee0000001",
      "/sync", "/health", "/launches", "/api/launches", "/audit", "/audit?owner=amazon", "/audit.csv?owner=amazon",
      "/audit/copies", "/audit/instances", "/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs",
      "/api/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs", "/feeds/search.atom?q=ecs",
      "/feeds/family.atom?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs", "/feeds/search?q=ecs",
      "/feeds/family?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs", "/images/eu-west-1/ami-0badc0ffee0000001/launch",
      "/images/eu-west-1/ami-0badc0ffee0000001/copy", "/api", "/api/openapi.json",
      "/families/amazon/amzn2-ami-ecs-hvm-*-arm64-ebs", "/api/family?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs",
      "/api/family.csv?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs", "/cleanup", "/cleanup?older=0&keep=0",
      "/images/eu-west-1/ami-0badc0ffee0000001/deregister", "/images/eu-west-1/ami-0badc0ffee0000001/deprecate");

  @Test
  void noPageChangesTheCatalog() throws Exception {
    TestApp app = TestApp.sharedReadOnly();
    try (Connection c = DriverManager.getConnection(app.db.url()); Statement s = c.createStatement()) {
      long before = dataVersion(s);
      for (String page : PAGES) assertThat(app.get(page).statusCode()).as(page).isLessThan(500);
      // data_version moves when another connection commits: none did.
      assertThat(dataVersion(s)).isEqualTo(before);
    }
  }

  private static long dataVersion(Statement s) throws Exception {
    try (ResultSet r = s.executeQuery("PRAGMA data_version")) {
      return r.getLong(1);
    }
  }
}
