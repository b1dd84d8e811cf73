package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics in Prometheus's text format: images by category, requests by route and status, with an id per request. */
@OnBothStores
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

  /** A dry run that would have succeeded (EC2 answers 412 DryRunOperation) is not a failed call; a refused one is. */
  @Test
  void aPassedDryRunIsNotCountedAsAFailedAwsCall() {
    amicatalog.testing.MotoServer moto = amicatalog.testing.MotoServer.get();
    moto.reset();
    amicatalog.metrics.Metrics metrics = new amicatalog.metrics.Metrics();
    try (var aws = new amicatalog.aws.AwsAccess(moto.endpoint(), metrics.awsCalls(), amicatalog.aws.AwsAccess.Patience.DEFAULT)) {
      var ec2 = aws.ec2("us-east-1");
      String image = ec2.describeImages(b -> b.owners("amazon")).images().get(0).imageId();
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ec2.runInstances(b -> b.dryRun(true).imageId(image)
          .instanceType("t3.micro").minCount(1).maxCount(1)))).hasMessageContaining("Status Code: 412");
      assertThat(metrics.scrape()).doesNotContain("amicatalog_aws_failed_calls_total{operation=\"RunInstances\"}");

      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ec2.describeImages(b -> b.imageIds("ami-0000000000000dead"))))
          .isNotNull();
      assertThat(metrics.scrape()).contains("amicatalog_aws_failed_calls_total{operation=\"DescribeImages\"} 1.0");
    }
  }
}
