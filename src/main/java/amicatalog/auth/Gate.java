package amicatalog.auth;

import amicatalog.web.Role;
import amicatalog.web.SignedIn;
import amicatalog.web.Urls;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;

/**
 * Who a request comes from (an API token, the trusted proxy's user header, or a session cookie)
 * and whether its route lets them in. With sign-in required, a page asks an anonymous browser to
 * sign in, the API answers 401, and a role short of the route's answers 403. With sign-in off
 * (one person on loopback) everyone may do everything, as before.
 */
public final class Gate {
  static final String SESSION_COOKIE = "ami_session";

  private final boolean required;
  private final Users users;
  private final Sessions sessions;
  private final ApiTokens tokens;
  private final String proxyHeader;
  private final String proxyAddress;

  /** {@code proxyHeader} (e.g. X-Forwarded-User) is honoured only from {@code proxyAddress}; both may be null. */
  public Gate(boolean required, Users users, Sessions sessions, ApiTokens tokens, String proxyHeader, String proxyAddress) {
    this.required = required;
    this.users = users;
    this.sessions = sessions;
    this.tokens = tokens;
    this.proxyHeader = proxyHeader;
    this.proxyAddress = proxyAddress;
  }

  public boolean required() {
    return required;
  }

  /** Runs before every matched route: attaches the user, then refuses what their role may not do. */
  public void check(Context ctx) {
    if (!required) return;  // no users: one person's catalog, open to them as before
    if (ctx.path().startsWith("/static/")) return;  // CSS, scripts and icons, for the login page too
    Role needed = needed(ctx);
    if (needed == Role.ANYONE) {
      try {
        SignedIn who = identify(ctx);  // the layout shows who is signed in, where anyone may come
        if (who != null) who.attach(ctx);
      } catch (UnauthorizedResponse | ForbiddenResponse ignored) {
        // a stale token or cookie does not keep anyone from the login page
      }
      return;
    }
    SignedIn who = identify(ctx);
    if (who == null) {
      if (isPage(ctx)) {
        String back = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ctx.redirect("/login?next=" + Urls.enc(back), HttpStatus.FOUND);
        ctx.skipRemainingHandlers();
        return;
      }
      ctx.header("WWW-Authenticate", "Bearer");  // a header, where HTTP clients look for it
      throw new UnauthorizedResponse("Sign in first: this catalog needs a user (for scripts, an API token: Authorization: Bearer …).");
    }
    who.attach(ctx);
    if (!who.role().allows(needed)) {
      throw new ForbiddenResponse("Signed in as " + who.name() + " (" + who.role().label() + "): this needs an operator.");
    }
  }

  private static Role needed(Context ctx) {
    for (RouteRole r : ctx.routeRoles()) if (r instanceof Role role) return role;
    return Role.OPERATOR;  // a route registered without a role is closed until someone says who may use it
  }

  private SignedIn identify(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return tokens.user(authorization.substring(7).strip()).orElseThrow(() -> {
        ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");  // RFC 6750
        return new UnauthorizedResponse("This API token is not valid: it was revoked, or mistyped.");
      });
    }
    if (proxyHeader != null && proxyAddress != null && proxyAddress.equals(ctx.ip())) {
      String name = ctx.header(proxyHeader);
      if (name != null && !name.isBlank()) {
        return users.find(name.strip()).map(u -> new SignedIn(u.name(), Role.parse(u.role())))
            .orElseThrow(() -> new ForbiddenResponse("The proxy signed in '" + name.strip() + "', who is not a user of this catalog."));
      }
    }
    return sessions.user(ctx.cookie(SESSION_COOKIE)).orElse(null);
  }

  /** Pages a browser shows (a feed's page too); the API, the feeds' Atom, CSV and POSTs get a 401 instead of a redirect. */
  private static boolean isPage(Context ctx) {
    String path = ctx.path();
    return ctx.method().name().equals("GET") && !path.startsWith("/api/") && !path.endsWith(".atom")
        && !path.endsWith(".csv") && !path.equals("/health");
  }
}
