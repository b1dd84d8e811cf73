package amicatalog.app;

import amicatalog.actions.Confirmations;
import amicatalog.web.AppContext;
import amicatalog.web.Chrome;
import amicatalog.web.ErrorPage;
import amicatalog.web.JettyErrors;
import amicatalog.web.Origins;
import amicatalog.web.Security;
import amicatalog.web.Signer;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.javalin.Javalin;
import io.javalin.config.Key;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.rendering.template.JavalinJte;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the web app: templates, static files, security, error pages, and the route table. */
public final class App {
  public static final Key<AppContext> CONTEXT = new Key<>("ami-catalog");
  public static final Key<Security> SECURITY = new Key<>("ami-catalog-security");
  public static final Key<Confirmations> CONFIRMATIONS = new Key<>("ami-catalog-confirmations");
  public static final Key<Origins> ORIGINS = new Key<>("ami-catalog-origins");
  private static final Logger log = LoggerFactory.getLogger(App.class);

  private App() {}

  public static Javalin create(AppContext context) {
    TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    Signer signer = Signer.load(context.db());
    Origins origins = new Origins(context.config().host(), context.config().allowedHosts(), context.config().publicUrl());
    Security security = new Security(signer, origins);
    return Javalin.create(config -> {
      config.appData(CONTEXT, context);
      config.appData(SECURITY, security);
      config.appData(CONFIRMATIONS, new Confirmations(signer, security));
      config.appData(ORIGINS, origins);
      // Jetty answers some bad requests itself (a malformed request line, headers too large): with our headers too.
      config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
      config.fileRenderer(new JavalinJte(templates));
      config.jsonMapper(new JavalinJackson(amicatalog.common.Json.MAPPER, false));
      config.startup.showJavalinBanner = false;
      config.http.prefer405over404 = true;
      config.staticFiles.add(files -> {
        files.hostedPath = "/static";
        files.directory = "/static";
        files.location = Location.CLASSPATH;
        files.headers = Map.of("Cache-Control", "max-age=3600");
      });
      config.routes.before(Security::headers);
      config.routes.before(security::checkRequest);
      config.routes.before(App::rejectMalformedPath);
      config.routes.before(ctx -> {
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) security.checkChange(ctx);
      });
      config.routes.after(ctx -> {
        // ctx.render() sends bare text/html; say the charset so every browser reads UTF-8.
        if ("text/html".equals(ctx.res().getContentType())) ctx.contentType("text/html; charset=utf-8");
      });
      Routes.register(config.routes);
      config.routes.exception(Exception.class, (e, ctx) -> {
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500);
        ctx.result("Something went wrong on our side; the error is in the server log.");
      });
      for (int status : new int[] {400, 403, 404, 405, 409, 414, 500, 503}) {
        config.routes.error(status, ctx -> {
          if (ctx.path().startsWith("/api") || ctx.path().equals("/health")) {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) {
              String result = ctx.result() == null || isJavalinDefault(ctx.result()) ? defaultMessage(status) : ctx.result();
              ctx.json(Map.of("error", result, "status", status));
            }
            return;
          }
          String result = ctx.result();
          String message = result == null || result.isBlank() || isJavalinDefault(result) ? defaultMessage(status) : result;
          ctx.render("error.jte", Map.of("page", new ErrorPage(Chrome.of(ctx, "Error " + status, ""), status, message)));
        });
      }
    });
  }

  private static final java.util.regex.Pattern BAD_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

  /** Jetty lets some broken escapes (such as %u0041) through, which the path matcher cannot decode. */
  private static void rejectMalformedPath(io.javalin.http.Context ctx) {
    if (BAD_ESCAPE.matcher(ctx.req().getRequestURI()).find()) {
      throw new io.javalin.http.BadRequestResponse("The address has a broken %-escape.");
    }
  }

  /** Javalin's own texts for unmatched routes ("Endpoint GET /x not found") are for developers. */
  private static boolean isJavalinDefault(String result) {
    return result.startsWith("Endpoint ") || result.startsWith("Method Not Allowed") || result.equals("Not Found");
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 404 -> "There is no such page.";
      case 405 -> "That page does not accept this kind of request.";
      case 414 -> "This address is too long.";
      default -> "The request could not be handled.";
    };
  }

  /** Thrown by handlers for bad input: becomes a 400 with this message (page or JSON). */
  public static HttpResponseException badRequest(String message) {
    return new io.javalin.http.BadRequestResponse(message);
  }
}
