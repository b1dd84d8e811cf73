package amicatalog.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * What an operator watches, in Prometheus's text format at /metrics: requests by route and status,
 * sync runs by outcome, each listing's time and errors per region, images per category, and AWS
 * calls that had to be retried (throttling) or failed.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** The text /metrics answers. */
  public String scrape() {
    return registry.scrape();
  }

  public void request(String method, String route, int status, long nanos) {
    Timer.builder("amicatalog_http_requests").description("Requests by route and status")
        .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
        .register(registry).record(Duration.ofNanos(nanos));
  }

  public void listing(String region, String scope, boolean ok, Duration took) {
    Timer.builder("amicatalog_sync_listings").description("One region and scope listed by a sync")
        .tag("region", region).tag("scope", scope).tag("outcome", ok ? "ok" : "failed")
        .register(registry).record(took);
  }

  public void run(String status) {
    Counter.builder("amicatalog_sync_runs").description("Sync runs by outcome (ok, partial, failed)")
        .tag("outcome", status).register(registry).increment();
  }

  /** A live figure read when scraped, e.g. the images of one category. */
  public void gauge(String name, String description, String tag, String value, Supplier<Number> figure) {
    Gauge.builder(name, figure).description(description).tag(tag, value).register(registry);
  }

  /** Counts the AWS SDK's retries and failed calls, per operation: give it to the SDK clients. */
  public MetricPublisher awsCalls() {
    return new MetricPublisher() {
      @Override
      public void publish(MetricCollection call) {
        String operation = call.metricValues(CoreMetric.OPERATION_NAME).stream().findFirst().orElse("unknown");
        int retries = call.metricValues(CoreMetric.RETRY_COUNT).stream().findFirst().orElse(0);
        boolean ok = call.metricValues(CoreMetric.API_CALL_SUCCESSFUL).stream().findFirst().orElse(false)
            || statusCodes(call).anyMatch(status -> status == 412);  // EC2's "the dry run would have succeeded"
        if (retries > 0) {
          Counter.builder("amicatalog_aws_retries").description("AWS calls retried (throttling, 5xx)")
              .tag("operation", operation).register(registry).increment(retries);
        }
        if (!ok) {
          Counter.builder("amicatalog_aws_failed_calls").description("AWS calls that failed after their retries")
              .tag("operation", operation).register(registry).increment();
        }
      }

      @Override
      public void close() {}
    };
  }

  /** The HTTP status of every attempt of a call (they are in its children's metrics). */
  private static Stream<Integer> statusCodes(MetricCollection call) {
    return Stream.concat(call.metricValues(HttpMetric.HTTP_STATUS_CODE).stream(),
        call.children().stream().flatMap(Metrics::statusCodes));
  }
}
