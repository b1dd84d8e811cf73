package amicatalog.auth;

import amicatalog.web.Layouts;
import amicatalog.web.SignedIn;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Map;

/** /login and /logout: a form that starts a session (a cookie, HttpOnly and SameSite=Strict), and its end. */
public final class SignInHandler {
  private final Users users;
  private final Sessions sessions;
  private final Layouts layouts;
  private final boolean behindTls;

  /** {@code behindTls}: the catalog is reached over HTTPS (a TLS proxy), so the cookie is Secure. */
  public SignInHandler(Users users, Sessions sessions, Layouts layouts, boolean behindTls) {
    this.users = users;
    this.sessions = sessions;
    this.layouts = layouts;
    this.behindTls = behindTls;
  }

  public record LoginPage(amicatalog.web.Layout layout, String name, String next, String error) {}

  public void form(Context ctx) {
    render(ctx, "", next(ctx.queryParam("next")), null);
  }

  public void signIn(Context ctx) {
    String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").strip();
    String next = next(ctx.formParam("next"));
    Users.Verdict verdict = users.signIn(name, ctx.formParam("password"));
    if (verdict.user() == null) {
      ctx.status(HttpStatus.UNAUTHORIZED);
      render(ctx, name, next, verdict.refusal());
      return;
    }
    Cookie cookie = new Cookie(Gate.SESSION_COOKIE, sessions.start(verdict.user().id()));
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setSecure(behindTls || "https".equals(ctx.scheme()));
    cookie.setPath("/");
    cookie.setMaxAge((int) Sessions.LIFETIME.toSeconds());
    ctx.cookie(cookie);
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  public void signOut(Context ctx) {
    sessions.end(ctx.cookie(Gate.SESSION_COOKIE));
    ctx.removeCookie(Gate.SESSION_COOKIE, "/");
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void render(Context ctx, String name, String next, String error) {
    SignedIn who = SignedIn.of(ctx);
    String title = who == null ? "Sign in · AMI Catalog" : "Signed in as " + who.name() + " · AMI Catalog";
    ctx.render("auth/login.jte", Map.of("page", new LoginPage(layouts.of(ctx, title, ""), name, next, error)));
  }

  /** Where to go after signing in: a path of ours only (never another site, never "//host"). */
  static String next(String asked) {
    if (asked == null || !asked.startsWith("/") || asked.startsWith("//") || asked.startsWith("/\\") || asked.length() > 2000) {
      return "/";
    }
    return asked;
  }
}
