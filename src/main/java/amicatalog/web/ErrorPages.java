package amicatalog.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error as the asker can read it: a page with the layout for people, {"error", "status"}
 * for /api and /health; never a stack trace. A failure of ours is logged with its trace; a client
 * that went away mid-answer is not a failure.
 */
public final class ErrorPages {
  private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
  private static final int[] SHOWN = {400, 401, 403, 404, 405, 409, 414, 421, 500, 503};

  private ErrorPages() {}

  public static void register(RoutesConfig routes, Layouts layouts) {
    routes.exception(Exception.class, (e, ctx) -> {
      if (clientWentAway(e)) {
        log.info("{} {}: the client closed the connection ({})", ctx.method(), ctx.path(), e.getMessage());
        return;
      }
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      ctx.status(500);
      ctx.result("Something went wrong on our side; the error is in the server log.");
    });
    for (int status : SHOWN) routes.error(status, ctx -> show(ctx, status, layouts));
  }

  private static void show(Context ctx, int status, Layouts layouts) {
    String result = ctx.result();
    String message = result == null || result.isBlank() || isJavalinDefault(result) ? defaultMessage(status) : result;
    if (ctx.path().startsWith("/api") || ctx.path().equals("/health")) {
      String type = ctx.res().getContentType();
      if (type == null || !type.startsWith("application/json")) ctx.json(Map.of("error", message, "status", status));
      return;
    }
    if (status == 421) return;  // a name not ours gets its one line, not our page
    if (status == 401 && ctx.path().equals("/login")) return;  // the sign-in form shows its own refusal
    ctx.render("error.jte", Map.of("page", new ErrorPage(layouts.of(ctx, "Error " + status, ""), status, message)));
  }

  private static boolean clientWentAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EofException) return true;
      if (t instanceof IOException && t.getMessage() != null
          && (t.getMessage().contains("Broken pipe") || t.getMessage().contains("Connection reset"))) return true;
    }
    return false;
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
}
