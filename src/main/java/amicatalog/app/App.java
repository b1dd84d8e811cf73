package amicatalog.app;

import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.auth.ApiTokens;
import amicatalog.auth.Gate;
import amicatalog.auth.Sessions;
import amicatalog.auth.SignInHandler;
import amicatalog.auth.Users;
import amicatalog.aws.Accounts;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.metrics.Metrics;
import amicatalog.search.CatalogSearch;
import amicatalog.sync.Indexer;
import amicatalog.web.ErrorPages;
import amicatalog.web.JettyErrors;
import amicatalog.web.Layouts;
import amicatalog.web.Origins;
import amicatalog.web.Security;
import amicatalog.web.Signer;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.rendering.template.JavalinJte;
import java.util.List;
import java.util.function.Predicate;

/** The composition root of the web app: builds the shared parts once, every handler with what it needs, and Javalin. */
public final class App {
  /**
   * What the app serves: the store, the indexer and search over it, the AWS account to act on (null
   * for the demo catalog, whose date {@code demoAsOf} is), how to start a sync in the background
   * ({@code syncNow}, given the trigger to record, answers false when one runs), the names it answers to, and its modes.
   */
  public record Parts(Database db, Indexer indexer, CatalogSearch search, Accounts accounts, String demoAsOf,
      Predicate<String> syncNow, Origins origins, boolean readOnly, List<String> trustedOwners, SignIn signIn,
      Metrics metrics) {}

  /**
   * Whether users must sign in (always when served beyond loopback), and how a company proxy
   * passes its user: {@code proxyHeader} honoured only from {@code proxyAddress}; {@code behindTls}
   * makes the session cookie Secure.
   */
  public record SignIn(boolean required, String proxyHeader, String proxyAddress, boolean behindTls) {
    public static final SignIn OFF = new SignIn(false, null, null, false);
  }

  private App() {}

  public static Javalin create(Parts parts) {
    TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    Signer signer = Signer.load(parts.db());
    Security security = new Security(signer, parts.origins());
    Layouts layouts = new Layouts(security, parts.demoAsOf(), parts.readOnly());
    Changes changes = new Changes(parts.accounts(), parts.demoAsOf(), parts.readOnly(), parts.trustedOwners());
    Users users = new Users(parts.db());
    Sessions sessions = new Sessions(parts.db());
    Gate gate = new Gate(parts.signIn().required(), users, sessions, new ApiTokens(parts.db()), parts.signIn().proxyHeader(),
        parts.signIn().proxyAddress());
    Routes routes = new Routes(parts, layouts, changes, new Confirmations(signer, security),
        new SignInHandler(users, sessions, layouts, parts.signIn().behindTls()));
    return Javalin.create(config -> {
      // Jetty answers some bad requests itself (a malformed request line, headers too large): with our headers too.
      config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
      config.jetty.threadPool = requestThreads();
      config.fileRenderer(new JavalinJte(templates));
      config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      config.startup.showJavalinBanner = false;
      config.http.prefer405over404 = true;
      config.routes.before(RequestLog::start);
      config.routes.before(security::checkRequest);
      config.routes.before(ctx -> {
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) security.checkChange(ctx);
      });
      config.routes.beforeMatched(gate::check);
      config.routes.beforeMatched(RequestLog::identify);
      config.routes.after(ctx -> {
        // ctx.render() sends bare text/html; say the charset so every browser reads UTF-8.
        if ("text/html".equals(ctx.res().getContentType())) ctx.contentType("text/html; charset=utf-8");
      });
      RequestLog requests = new RequestLog(parts.metrics());
      config.routes.after(requests::finish);
      routes.register(config.routes);
      config.events.serverStarted(routes.pendingImages::start);
      config.events.serverStopping(routes.pendingImages::close);
      ErrorPages.register(config.routes, layouts);
    });
  }

  /**
   * A few request threads per core, not Jetty's 200: under more requests than the cores can
   * answer, the rest wait their turn in order instead of all slowing down together, so a heavy
   * export finishes in its own time rather than in the time of everything else running at once.
   */
  private static org.eclipse.jetty.util.thread.QueuedThreadPool requestThreads() {
    int threads = Integer.getInteger("amicatalog.threads", 6 + 2 * Runtime.getRuntime().availableProcessors());
    var pool = new org.eclipse.jetty.util.thread.QueuedThreadPool(threads, Math.min(threads, 8));
    pool.setName("requests");
    return pool;
  }
}
