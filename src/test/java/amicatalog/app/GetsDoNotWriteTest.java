package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A GET never writes: every page and API of the route table leaves the catalog as it was. */
@OnBothStores
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
    try (Connection watcher = TestStores.watcher(app.db)) {
      long before = TestStores.writesSeenBy(watcher);
      for (String page : PAGES) assertThat(app.get(page).statusCode()).as(page).isLessThan(500);
      assertThat(TestStores.writesSeenBy(watcher)).as("writes committed while the pages were served").isEqualTo(before);
    }
  }
}
