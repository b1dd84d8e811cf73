package amicatalog.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request passes before a handler sees it: its Host must be ours (DNS rebinding), a
 * change (POST) must come from one of our own pages (Origin, then a CSRF token the server signed),
 * and every answer carries the security headers.
 *
 * <p>The CSRF token is bound to a random browser id in a SameSite=Strict cookie: the form field is
 * the server's signature of that id. A page on another loopback port can set cookies for our host
 * (cookies do not separate ports), but it cannot make the signature, so a forged pair is refused.
 */
public final class Security {
  public static final String CSRF_FIELD = "_csrf";
  static final String BROWSER_COOKIE = "ami_csrf";
  /** Longer than any URL our own pages link to; a longer one is a 414, before any work is done. */
  static final int LONGEST_QUERY = 4096;
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
  private static final Pattern BROWSER_ID = Pattern.compile("[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger log = LoggerFactory.getLogger(Security.class);
  static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", String.join("; ", "default-src 'self'", "script-src 'self'", "style-src 'self'",
          "img-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
          "frame-ancestors 'none'"),
      "X-Frame-Options", "DENY",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "same-origin",
      "Cross-Origin-Opener-Policy", "same-origin",
      "Cross-Origin-Resource-Policy", "same-origin");

  private final Signer signer;
  private final Origins origins;

  public Security(Signer signer, Origins origins) {
    this.signer = signer;
    this.origins = origins;
  }

  /**
   * Sets the security headers, then refuses a request whose Host is not ours (421), an address too
   * long to be one of our links (414), and a broken %-escape (400).
   */
  public void checkRequest(Context ctx) {
    HEADERS.forEach(ctx::header);
    String host = ctx.header("Host");
    int port = ctx.req().getLocalPort();
    if (!origins.allowsHost(host, port)) {
      throw new HttpResponseException(HttpStatus.MISDIRECTED_REQUEST.getCode(), origins.refusal(host, port));
    }
    String query = ctx.queryString();
    if (query != null && query.length() > LONGEST_QUERY) {
      throw new HttpResponseException(HttpStatus.URI_TOO_LONG.getCode(),
          "This address is longer than any search needs (" + LONGEST_QUERY + " characters at most): choose fewer filters.");
    }
    // Jetty lets some broken escapes (such as %u0041) through, which the path matcher cannot decode.
    if (BAD_ESCAPE.matcher(ctx.req().getRequestURI()).find()) {
      throw new BadRequestResponse("The address has a broken %-escape.");
    }
    // No name, id or search holds a NUL, and PostgreSQL's text cannot hold one: refused here, with
    // a reason, rather than failing a query.
    if (NUL.matcher(ctx.req().getRequestURI()).find() || query != null && NUL.matcher(query).find()) {
      throw new BadRequestResponse(NUL_REFUSAL);
    }
  }

  private static final Pattern NUL = Pattern.compile("%00|\\x00");
  private static final String NUL_REFUSAL = "The request holds a NUL character (%00), which no name, id or search has.";

  /**
   * A change must come from a page of ours: the browser's Origin is one of our names (or, where a
   * browser sends none, Sec-Fetch-Site says same-origin), and the form carries the token we signed
   * for this browser.
   */
  public void checkChange(Context ctx) {
    String origin = ctx.header("Origin");
    int port = ctx.req().getLocalPort();
    boolean ours = origin != null ? origins.allowsOrigin(origin, port) : "same-origin".equals(ctx.header("Sec-Fetch-Site"));
    if (!ours) {
      log.warn("refused {} {} from origin {} (Sec-Fetch-Site {})", ctx.method(), ctx.path(), origin, ctx.header("Sec-Fetch-Site"));
      throw new ForbiddenResponse("This request did not come from a page of this catalog, so it was refused. "
          + "Open the catalog itself and submit the form there.");
    }
    String browser = ctx.cookie(BROWSER_COOKIE);
    String field;
    try {
      field = ctx.formParam(CSRF_FIELD);
    } catch (RuntimeException unreadable) {  // a malformed multipart or urlencoded body
      throw new BadRequestResponse("The form could not be read.");
    }
    if (browser == null || !BROWSER_ID.matcher(browser).matches() || !signer.verify(field, "csrf", browser)) {
      log.warn("refused {} {}: CSRF token missing or not issued by this catalog", ctx.method(), ctx.path());
      throw new ForbiddenResponse("This form has expired or did not come from this site. Reload the page and try again.");
    }
    if (ctx.formParamMap().values().stream().flatMap(java.util.List::stream).anyMatch(v -> v.indexOf('\0') >= 0)) {
      throw new BadRequestResponse(NUL_REFUSAL);
    }
  }

  /** The CSRF token for this browser's forms, issuing the browser id cookie on first use. */
  public String csrfToken(Context ctx) {
    return signer.sign("csrf", browserId(ctx));
  }

  /** This browser's random id (its cookie), which tokens and nonces are bound to. */
  public String browserId(Context ctx) {
    String id = ctx.attribute(BROWSER_COOKIE);
    if (id == null) id = ctx.cookie(BROWSER_COOKIE);
    if (id == null || !BROWSER_ID.matcher(id).matches()) {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      id = HexFormat.of().formatHex(bytes);
      Cookie cookie = new Cookie(BROWSER_COOKIE, id);
      cookie.setHttpOnly(true);
      cookie.setSameSite(SameSite.STRICT);
      cookie.setPath("/");
      ctx.cookie(cookie);
    }
    ctx.attribute(BROWSER_COOKIE, id);
    return id;
  }
}
