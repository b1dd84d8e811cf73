package amicatalog.api;

import amicatalog.db.Database;
import amicatalog.web.Layouts;
import amicatalog.web.Origins;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * /api, the page that lists every endpoint for scripts with a real example of each, and
 * /api/openapi.json, the same list for tools. The examples are asked of the running catalog
 * itself and kept a minute, so that opening the page again costs nothing.
 */
public final class ApiHandler {
  static final Duration FRESH = Duration.ofMinutes(1);

  private final Database db;
  private final Origins origins;
  private final Layouts layouts;
  private final boolean signIn;
  private final SelfRequests self;
  private final ReentrantLock asking = new ReentrantLock();
  private volatile Examples examples;

  /**
   * {@code signIn}: whether callers need a user (then the snippets send a token);
   * {@code proxyHeader}: the header a trusted proxy names its user in (honoured from {@code proxyAddress}), or null.
   */
  public ApiHandler(Database db, Origins origins, Layouts layouts, boolean signIn, String proxyHeader,
      String proxyAddress) {
    this.db = db;
    this.origins = origins;
    this.layouts = layouts;
    this.signIn = signIn;
    this.self = new SelfRequests(proxyHeader, proxyAddress);
  }

  /** The example of each endpoint as the catalog answered it, and when it was asked. */
  record Examples(Sample sample, Map<String, Endpoint.Example> requests, Map<String, SelfRequests.Answer> answers,
      Instant asked, boolean whole) {}

  public void page(Context ctx) {
    ctx.render("api/api.jte", Map.of("page", ApiPage.of(layouts.of(ctx, "API · AMI Catalog", "api"),
        origins.requested(ctx), signIn, examples(ctx))));
  }

  public void openApi(Context ctx) {
    ctx.json(OpenApi.document(Endpoints.ALL, origins.requested(ctx), signIn));
  }

  /**
   * The examples, asked again when a minute old. While one request asks, others get the older
   * examples rather than waiting (and holding request threads the examples need).
   */
  private Examples examples(Context ctx) {
    Examples known = examples;
    if (known != null && known.whole() && known.asked().plus(FRESH).isAfter(Instant.now())) return known;
    if (known != null && !asking.tryLock()) return known;
    if (known == null) asking.lock();
    try {
      Examples again = examples;
      if (again != null && again != known && again.whole()) return again;  // asked meanwhile
      Examples fresh = ask(ctx);
      examples = fresh;
      return fresh;
    } finally {
      asking.unlock();
    }
  }

  private Examples ask(Context ctx) {
    Sample sample = Sample.find(db);
    String base = origins.self(ctx.req().getLocalPort());
    Map<String, Endpoint.Example> requests = new LinkedHashMap<>();
    Map<String, SelfRequests.Answer> answers = new LinkedHashMap<>();
    boolean whole = true;
    boolean busy = false;
    for (Endpoint e : Endpoints.ALL) {
      Endpoint.Example example = e.example().apply(sample);
      requests.put(e.name(), example);
      SelfRequests.Answer answer = busy ? new SelfRequests.Answer(0, "", "", false, "not asked: the catalog is busy")
          : self.get(base, example.url(), ctx);
      // One that did not answer in time means the catalog is too busy now: the rest would wait as long.
      busy |= answer.failure() != null;
      answers.put(e.name(), answer);
      whole &= answer.ok();
    }
    return new Examples(sample, requests, answers, Instant.now(), whole);
  }
}
