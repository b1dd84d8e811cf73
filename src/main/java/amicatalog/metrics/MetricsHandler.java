package amicatalog.metrics;

import io.javalin.http.Context;

/** /metrics for Prometheus (behind the same sign-in as the pages: a viewer's API token scrapes it). */
public final class MetricsHandler {
  private final Metrics metrics;

  public MetricsHandler(Metrics metrics) {
    this.metrics = metrics;
  }

  public void scrape(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(metrics.scrape());
  }
}
