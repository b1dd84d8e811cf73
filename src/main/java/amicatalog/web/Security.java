package amicatalog.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Security headers on every response, and CSRF protection for every POST: a random token in a
 * SameSite=Strict cookie that each form repeats in a hidden field (double submit).
 */
public final class Security {
  public static final String CSRF_FIELD = "_csrf";
  private static final String CSRF_COOKIE = "ami_csrf";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CSP = String.join("; ",
      "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
      "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
      "frame-ancestors 'none'");

  private Security() {}

  static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
  }

  /** The request's CSRF token, issuing a cookie on first use. */
  public static String csrfToken(Context ctx) {
    String token = ctx.attribute(CSRF_COOKIE);
    if (token == null) token = ctx.cookie(CSRF_COOKIE);
    if (token == null || !token.matches("[0-9a-f]{32}")) {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      token = HexFormat.of().formatHex(bytes);
      Cookie cookie = new Cookie(CSRF_COOKIE, token);
      cookie.setHttpOnly(true);
      cookie.setSameSite(SameSite.STRICT);
      cookie.setPath("/");
      ctx.cookie(cookie);
    }
    ctx.attribute(CSRF_COOKIE, token);
    return token;
  }

  static void checkCsrf(Context ctx) {
    String cookie = ctx.cookie(CSRF_COOKIE);
    String field = ctx.formParam(CSRF_FIELD);
    if (cookie == null || field == null || !java.security.MessageDigest.isEqual(cookie.getBytes(), field.getBytes())) {
      throw new ForbiddenResponse("This form has expired or did not come from this site. Reload the page and try again.");
    }
  }
}
