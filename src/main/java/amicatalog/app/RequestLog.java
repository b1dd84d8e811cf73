package amicatalog.app;

import amicatalog.aws.FailedCallLog;
import amicatalog.metrics.Metrics;
import amicatalog.web.SignedIn;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per request (method, path, status, time, user, request id) and its latency by
 * route for /metrics. The request id is also sent back (X-Request-Id), so a user's report can be
 * found in the log. The id and the user are also in the MDC while the request runs, so that an AWS
 * call it makes that fails is logged with them ({@link FailedCallLog}).
 */
final class RequestLog {
  private static final Logger log = LoggerFactory.getLogger("amicatalog.requests");
  private static final String START = "amicatalog.start";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Metrics metrics;

  RequestLog(Metrics metrics) {
    this.metrics = metrics;
  }

  static void start(Context ctx) {
    ctx.attribute(START, System.nanoTime());
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    String requestId = HexFormat.of().formatHex(id);
    ctx.header("X-Request-Id", requestId);
    MDC.clear();  // a worker thread serves many requests
    MDC.put(FailedCallLog.REQUEST, requestId);
  }

  /** Once the sign-in gate knows who asks. */
  static void identify(Context ctx) {
    SignedIn who = SignedIn.of(ctx);
    if (who != null) MDC.put(FailedCallLog.USER, who.name());
  }

  void finish(Context ctx) {
    Long started = ctx.attribute(START);
    long nanos = started == null ? 0 : System.nanoTime() - started;
    String route = route(ctx);
    int status = ctx.status().getCode();
    if (metrics != null) metrics.request(ctx.method().name(), route, status, nanos);
    SignedIn who = SignedIn.of(ctx);
    log.info("{} {} {} {} ms user={} id={}", ctx.method(), ctx.path(), status, nanos / 1_000_000,
        who == null ? "-" : who.name(), ctx.res().getHeader("X-Request-Id"));
    MDC.clear();
  }

  /** The route's pattern (/images/{region}/{imageId}), not the path: a bounded set of labels. */
  private static String route(Context ctx) {
    var matched = ctx.endpoints().lastHttpEndpoint();
    if (matched != null && !matched.path.equals("*")) return matched.path;
    return ctx.path().startsWith("/static/") ? "/static" : "unmatched";
  }
}
