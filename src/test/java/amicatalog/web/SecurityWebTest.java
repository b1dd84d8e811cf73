package amicatalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.search.CatalogWebTest;
import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.RawHttp;
import amicatalog.testing.TestApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile web page can try against a catalog on loopback, on the real app: a rebound name
 * (foreign Host), a cross-site POST (foreign Origin), a forged CSRF cookie and field, a GET that
 * costs the server a lot, and the smaller leaks (absolute URLs from Host, file modes, Jetty's errors).
 */
@OnBothStores
class SecurityWebTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.sharedReadOnly();
  }


  static String raw(String head) {
    return RawHttp.send(app, head, "");
  }

  static String raw(String head, String body) {
    return RawHttp.send(app, head, body);
  }

  static int status(String response) {
    return RawHttp.status(response);
  }

  @Test
  void aRequestForAnotherHostNameIsRefusedWithTheReason() {
    int port = app.base.getPort();
    String rebound = raw("GET /api/launches HTTP/1.1\r\nHost: attacker.example:" + port + "\r\n");
    assertThat(status(rebound)).isEqualTo(421);
    assertThat(rebound).contains("does not answer to the name 'attacker.example:" + port + "'").contains("--allowed-hosts")
        .contains("X-Frame-Options: DENY");
    assertThat(status(raw("GET / HTTP/1.1\r\nHost: attacker.example\r\n"))).isEqualTo(421);
    assertThat(status(raw("GET /static/app.css HTTP/1.1\r\nHost: evil.test:" + port + "\r\n"))).isEqualTo(421);
    // Our own names at our own port are served; a loopback name at another port is not ours.
    assertThat(status(raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"))).isEqualTo(200);
    assertThat(status(raw("GET /health HTTP/1.1\r\nHost: LOCALHOST:" + port + "\r\n"))).isEqualTo(200);
    assertThat(status(raw("GET /health HTTP/1.1\r\nHost: [::1]:" + port + "\r\n"))).isEqualTo(200);
    assertThat(status(raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + (port + 1) + "\r\n"))).isEqualTo(421);
  }

  @Test
  void aPostFromAnotherOriginIsRefusedEvenWithAValidToken() {
    FormSession browser = new FormSession(app);
    String token = browser.csrfToken();
    String body = "_csrf=" + token;
    String post = "POST /sync HTTP/1.1\r\nHost: 127.0.0.1:" + app.base.getPort() + "\r\nCookie: " + browser.cookie()
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
    for (String origin : List.of("http://attacker.example:" + app.base.getPort(), "null", "http://127.0.0.1:1")) {
      String refused = raw(post + "Origin: " + origin + "\r\n", body);
      assertThat(status(refused)).as(origin).isEqualTo(403);
      assertThat(refused).contains("did not come from a page of this catalog");
    }
    // Neither Origin nor Sec-Fetch-Site: refused; Sec-Fetch-Site: cross-site: refused.
    assertThat(status(raw(post, body))).isEqualTo(403);
    assertThat(status(raw(post + "Sec-Fetch-Site: cross-site\r\n", body))).isEqualTo(403);
    // A browser that sends only Sec-Fetch-Site: same-origin, with the right token, gets past the guard
    // (the test app has no sync to start: not 403).
    assertThat(status(raw(post + "Sec-Fetch-Site: same-origin\r\n", body))).isNotEqualTo(403);
    assertThat(status(raw(post + "Origin: http://localhost:" + app.base.getPort() + "\r\n", body))).isNotEqualTo(403);
  }

  @Test
  void aCsrfCookieAndFieldTheServerDidNotIssueAreRefused() {
    String made = "0123456789abcdef0123456789abcdef";
    HttpResponse<String> forged = app.send(HttpRequest.newBuilder(URI.create(app.url("/sync")))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", app.base.toString())
        .header("Cookie", "ami_csrf=" + made).POST(HttpRequest.BodyPublishers.ofString("_csrf=" + made)).build());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(Jsoup.parse(forged.body()).text()).contains("did not come from this site");

    // A token is bound to the browser it was issued to: another browser's token does not pass.
    String theirs = new FormSession(app).csrfToken();
    FormSession mine = new FormSession(app);
    mine.csrfToken();
    HttpResponse<String> swapped = app.send(HttpRequest.newBuilder(URI.create(app.url("/sync")))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", app.base.toString())
        .header("Cookie", mine.cookie()).POST(HttpRequest.BodyPublishers.ofString("_csrf=" + theirs)).build());
    assertThat(swapped.statusCode()).isEqualTo(403);
  }

  @Test
  void aSearchGetCostsABoundedAnswer() {
    // The amplification of the report: 600 made-up owner and region values.
    String huge = "/?" + java.util.stream.IntStream.range(0, 600)
        .mapToObj(i -> (i % 2 == 0 ? "owner=" : "region=") + "x" + i).collect(Collectors.joining("&"));
    HttpResponse<String> refused = app.get(huge);
    assertThat(refused.statusCode()).isEqualTo(414);
    assertThat(Jsoup.parse(refused.body()).text()).contains("choose fewer filters");
    HttpResponse<String> tooMany = app.get("/?" + java.util.stream.IntStream.range(0, 51)
        .mapToObj(i -> "owner=o" + i).collect(Collectors.joining("&")));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(tooMany.body()).text()).contains("50 at most");

    // The worst case that passes: 50 values the catalog knows, the longest ones first.
    List<String> known = new ArrayList<>();
    amicatalog.common.Json.read(app.get("/api/images").body()).path("facets").fields().forEachRemaining(facet -> {
      for (var node : facet.getValue()) {
        known.add(facet.getKey() + "=" + java.net.URLEncoder.encode(node.path("value").asText(), StandardCharsets.UTF_8));
      }
    });
    known.sort((a, b) -> b.length() - a.length());
    String worst = "/?" + String.join("&", known.subList(0, Math.min(50, known.size())));
    HttpResponse<String> answer = app.get(worst);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(known).hasSizeGreaterThan(20);  // every value the test catalog has, up to 50
    int bytes = answer.body().getBytes(StandardCharsets.UTF_8).length;
    System.out.printf("worst-case search page: %,d values, %,d-character query, %,d bytes%n",
        Math.min(50, known.size()), worst.length(), bytes);
    assertThat(bytes).isLessThan(2_000_000);
  }

  @Test
  void filterValuesNoImageHasAreIgnoredAndSaidSo() {
    Document all = Jsoup.parse(app.get("/").body());
    Document typo = Jsoup.parse(app.get("/?owner=nobody-at-all&arch=arm64").body());
    assertThat(typo.selectFirst("#ignored-values").text()).contains("owner “nobody-at-all”");
    assertThat(CatalogWebTest.total(typo)).isPositive().isLessThan(CatalogWebTest.total(all));
    assertThat(typo.select("a[href*=nobody-at-all]")).isEmpty();
    assertThat(amicatalog.common.Json.read(app.get("/api/images?owner=nobody-at-all").body()).path("ignored").toString())
        .contains("nobody-at-all");
  }

  @Test
  void absoluteUrlsComeFromTheConfiguredOriginNotTheRequestsHost() {
    int port = app.base.getPort();
    String feed = raw("GET /feeds/search.atom HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
    assertThat(status(feed)).isEqualTo(200);
    assertThat(feed).contains("http://127.0.0.1:" + port + "/").doesNotContain("localhost:" + port);
  }

  @Test
  void jettysOwnErrorsCarryTheSecurityHeaders() {
    String tooBig = raw("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + app.base.getPort() + "\r\nX-Big: " + "a".repeat(20_000) + "\r\n");
    assertThat(status(tooBig)).isEqualTo(431);
    assertThat(tooBig).contains("X-Frame-Options: DENY").contains("Content-Security-Policy: default-src 'self'")
        .contains("X-Content-Type-Options: nosniff");
  }

  @Test
  void aNewCatalogFileAndItsFolderAreTheOwnersAlone(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("new/folder/catalog.db");
    try (Database db = Database.open(file)) {
      db.write(h -> h.execute("INSERT INTO secrets (name, value, created_at) VALUES ('probe', x'00', 'now')"));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.resolveSibling("catalog.db-wal"))))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("new")))).isEqualTo("rwx------");
    }
  }
}
