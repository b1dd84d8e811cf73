package amicatalog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.web.Role;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the route table × every kind of caller (anonymous, viewer, operator, a bad API
 * token) gives the answer its role says. The routes come from the running app itself, so a new
 * route cannot be forgotten: one without a role is closed to all but operators.
 */
@OnBothStores
class SignInMatrixTest {
  @TempDir static Path dir;
  static TestApp app;
  static FormSession anonymous;
  static FormSession viewer;
  static FormSession operator;

  @BeforeAll
  static void start() {
    app = TestApp.startSignedIn(dir, null, Map.of("vera", Role.VIEWER, "otto", Role.OPERATOR));
    anonymous = new FormSession(app);
    viewer = new FormSession(app);
    operator = new FormSession(app);
    assertThat(viewer.signIn("vera", TestApp.PASSWORD).statusCode()).isEqualTo(303);
    assertThat(operator.signIn("otto", TestApp.PASSWORD).statusCode()).isEqualTo(303);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  record Route(HandlerType method, String path, Role role) {}

  static List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (ParsedEndpoint p : app.app.unsafe.internalRouter.allHttpHandlers()) {
      if (!HandlerType.commonHttp().contains(p.endpoint.method)) continue;  // before/after handlers
      if (p.endpoint.path.equals("/login") && p.endpoint.method == HandlerType.POST) continue;  // its own test below
      if (p.endpoint.path.equals("/logout")) continue;  // would end the caller's session
      Roles roles = p.endpoint.metadata(Roles.class);
      Role role = roles == null ? null : (Role) roles.getRoles().stream().filter(Role.class::isInstance).findFirst().orElse(null);
      String path = p.endpoint.path.replace("{region}", "eu-west-1").replace("{imageId}", "ami-0badc0ffee0000001")
          .replace("{instanceId}", "i-0123456789abcdef0").replace("{id}", "1").replace("{file}", "app.css")
          .replace("{owner}", "amazon").replace("<family>", "amzn2-ami-ecs-hvm-*-arm64-ebs");
      routes.add(new Route(p.endpoint.method, path, role));
    }
    return routes;
  }

  HttpResponse<String> call(FormSession who, Route r) {
    if (r.method() == HandlerType.GET) return who.get(r.path());
    return who.post(r.path(), Map.of("_csrf", List.of(who.csrfTokenFrom("/login"))));
  }

  static boolean isPage(Route r) {
    return r.method() == HandlerType.GET && !r.path().startsWith("/api/") && !r.path().endsWith(".atom")
        && !r.path().endsWith(".csv") && !r.path().equals("/health");
  }

  @Test
  void everyRouteHasARole() {
    assertThat(routes()).hasSizeGreaterThan(25).allSatisfy(r -> assertThat(r.role()).as(r.method() + " " + r.path()).isNotNull());
  }

  @Test
  void anonymousCallersAreSentToSignInOrRefused() {
    for (Route r : routes()) {
      String what = r.method() + " " + r.path();
      HttpResponse<String> response = call(anonymous, r);
      int status = response.statusCode();
      if (r.role() == Role.ANYONE) assertThat(status).as(what).isNotIn(401, 403);
      else if (isPage(r)) assertThat(status).as(what).isEqualTo(302);
      else {
        assertThat(status).as(what).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what + ": says how to authenticate").hasValue("Bearer");
      }
    }
  }

  @Test
  void viewersReadEverythingAndChangeNothing() {
    for (Route r : routes()) {
      HttpResponse<String> response = call(viewer, r);
      String what = r.method() + " " + r.path();
      if (r.role() == Role.OPERATOR) assertThat(response.statusCode()).as(what).isEqualTo(403);
      else assertThat(response.statusCode()).as(what).isNotIn(302, 401, 403);
    }
  }

  @Test
  void operatorsMayDoEverything() {
    for (Route r : routes()) {
      assertThat(call(operator, r).statusCode()).as(r.method() + " " + r.path()).isNotIn(302, 401, 403);
    }
  }

  @Test
  void aWrongPasswordIsRefusedAndTooManyLockTheNameOut() {
    FormSession guesser = new FormSession(app);
    for (int i = 0; i < Users.MOST_FAILURES; i++) {
      HttpResponse<String> wrong = guesser.signIn("otto", "not the password " + i);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(FormSession.parse(wrong).selectFirst("#sign-in-error").text()).isEqualTo("The name or the password is wrong.");
    }
    HttpResponse<String> locked = guesser.signIn("otto", TestApp.PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(401);
    assertThat(FormSession.parse(locked).selectFirst("#sign-in-error").text()).startsWith("Too many wrong passwords");
    app.db.write(h -> h.execute("DELETE FROM sign_in_failures"));  // the window passes
    assertThat(guesser.signIn("otto", TestApp.PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void theSessionCookieIsHttpOnlyStrictAndOutlivesARestartOfTheApp() {
    FormSession fresh = new FormSession(app);
    HttpResponse<String> signedIn = fresh.signIn("vera", TestApp.PASSWORD);
    String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ami_session=")).findFirst().orElseThrow();
    assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/");
    assertThat(fresh.page("/").select("#sign-out-form").text()).contains("vera (viewer)");
    // Sessions live in the catalog file: a new app over the same file knows them (a restart).
    int sessions = app.db.read(h -> h.createQuery("SELECT count(*) FROM sessions").mapTo(Integer.class).one());
    assertThat(sessions).isPositive();
    String stored = app.db.read(h -> h.createQuery("SELECT token_hash FROM sessions LIMIT 1").mapTo(String.class).one());
    assertThat(cookie).doesNotContain(stored);  // only the hash is kept
  }

  @Test
  void signInReturnsToThePageAskedForButNeverToAnotherSite() {
    assertThat(anonymous.get("/audit?owner=amazon").headers().firstValue("Location")).hasValue("/login?next=%2Faudit%3Fowner%3Damazon");
    assertThat(SignInHandler.next("//evil.example/x")).isEqualTo("/");
    assertThat(SignInHandler.next("https://evil.example/")).isEqualTo("/");
    assertThat(SignInHandler.next("/audit?owner=amazon")).isEqualTo("/audit?owner=amazon");
  }

  @Test
  void aBadApiTokenIs401AndAGoodOneActsAsItsUser() {
    String good = new ApiTokens(app.db).create(new Users(app.db).find("vera").orElseThrow().id(), "ci");
    for (Route r : routes()) {
      if (r.method() != HandlerType.GET || r.role() == Role.ANYONE) continue;
      HttpResponse<String> bad = app.send(HttpRequest.newBuilder(URI.create(app.url(r.path())))
          .header("Authorization", "Bearer amic_" + "0".repeat(64)).build());
      assertThat(bad.statusCode()).as(r.path()).isEqualTo(401);
      assertThat(bad.headers().firstValue("WWW-Authenticate")).as(r.path() + ": says how to authenticate").hasValue("Bearer error=\"invalid_token\"");
    }
    HttpResponse<String> latest = app.send(HttpRequest.newBuilder(URI.create(app.url("/api/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs")))
        .header("Authorization", "Bearer " + good).build());
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(latest.body()).contains("imageIds");
  }
}
