package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.TestApp;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics in Prometheus's text format: images by category, requests by route and status, with an id per request. */
class MetricsTest {
  @Test
  void metricsCountImagesAndRequestsByRoute() {
    TestApp app = TestApp.sharedReadOnly();
    HttpResponse<String> search = app.get("/?q=ecs");
    assertThat(search.headers().firstValue("X-Request-Id").orElse("")).matches("[0-9a-f]{12}");
    HttpResponse<String> metrics = app.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    Matcher publicImages = Pattern.compile("amicatalog_images\\{category=\"public\"} ([0-9.E]+)").matcher(metrics.body());
    assertThat(publicImages.find()).as(metrics.body()).isTrue();
    assertThat(Double.parseDouble(publicImages.group(1))).isGreaterThan(1000);
    assertThat(metrics.body()).containsPattern("amicatalog_http_requests_seconds_count\\{[^}]*route=\"/\"[^}]*status=\"200\"[^}]*} [1-9]");
  }
}
