package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.RawHttp;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand generated requests over every route of the route table (taken from the running
 * app): hostile path segments and query strings, search syntax, forged, missing and replayed CSRF
 * tokens, foreign Origins and Hosts, wrong methods, oversized bodies. No 5xx, every refused form is
 * a 403 (a foreign Host a 421), and not one row of any table changes.
 */
@OnBothStores
class RouteFuzzTest {
  static final long SEED = 20261202L;
  static final int REQUESTS = 10_000;
  static final java.util.Set<Integer> REFUSED = java.util.Set.of(400, 403, 413, 414, 421, 431);

  @Test
  void everyRouteTakesHostileRequestsWithoutFailingOrWriting() throws Exception {
    TestApp app = TestApp.sharedReadOnly();
    FormSession browser = new FormSession(app);
    String token = browser.csrfTokenFrom("/sync");
    String otherToken = new FormSession(app).csrfTokenFrom("/sync");  // another browser's: replayed here
    List<ParsedEndpoint> routes = app.app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(p -> HandlerType.commonHttp().contains(p.endpoint.method)).toList();
    Map<String, Long> before = rowCounts(app);
    Random r = new Random(SEED);
    List<String> offenders = Collections.synchronizedList(new ArrayList<>());
    Map<String, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        ParsedEndpoint route = routes.get(r.nextInt(routes.size()));
        String path = path(r, route.endpoint.path);
        boolean clean = r.nextInt(3) == 0 && path.equals(realPath(route.endpoint.path));  // a well-formed target
        String target = clean ? path : path + "?" + FuzzTest.query(r).replaceFirst("^\\?", "");
        int kind = r.nextInt(10);
        boolean post = route.endpoint.method == HandlerType.POST;
        String head;
        String body = "";
        String expect;  // a status the answer must have, or null for "anything but 5xx"
        String host = "Host: 127.0.0.1:" + app.base.getPort() + "\r\n";
        String origin = "Origin: " + app.base + "\r\n";
        String cookie = "Cookie: " + browser.cookie() + "\r\n";
        if (kind == 0) {  // a rebound name
          head = (post ? "POST " : "GET ") + target + " HTTP/1.1\r\nHost: evil.example:" + app.base.getPort() + "\r\n";
          expect = clean ? "421" : "refused";
        } else if (kind == 1) {  // a method the route does not take
          head = List.of("PUT ", "DELETE ", "PATCH ").get(r.nextInt(3)) + target + " HTTP/1.1\r\n" + host + origin + cookie;
          expect = "4xx";
        } else if (post) {
          String field = switch (kind % 4) {
            case 0 -> "";                                            // none
            case 1 -> "_csrf=" + "0123456789abcdef".repeat(2);       // made up
            case 2 -> "_csrf=" + otherToken;                         // another browser's
            default -> "_csrf=" + token;                             // ours, but from a foreign page
          };
          String from = kind % 4 == 3 ? "Origin: http://evil.example\r\n" : origin;
          body = field + "&" + FuzzTest.query(r).replaceFirst("^\\?", "") + (kind == 9 ? "&x=" + "a".repeat(300_000) : "");
          head = "POST " + target + " HTTP/1.1\r\n" + host + from + cookie + "Content-Type: application/x-www-form-urlencoded\r\n";
          expect = kind == 9 ? "4xx" : clean ? "403" : "refused";
        } else {
          head = "GET " + target + " HTTP/1.1\r\n" + host + cookie;
          expect = null;
        }
        String finalHead = head, finalBody = body, finalExpect = expect;
        futures.add(pool.submit(() -> {
          String answer = RawHttp.send(app, finalHead, finalBody);
          int status = RawHttp.status(answer);
          statuses.merge(route.endpoint.method + " " + route.endpoint.path + " " + status, 1, Integer::sum);
          boolean wrong = status >= 500 || (finalExpect != null && switch (finalExpect) {
            case "4xx" -> status < 400 || status >= 500;
            case "refused" -> !REFUSED.contains(status);  // a malformed target may be refused before the form is read
            default -> status != Integer.parseInt(finalExpect);
          });
          if (wrong) {
            String line = finalHead.lines().findFirst().orElse("");
            offenders.add(line.substring(0, Math.min(200, line.length())) + " expected " + finalExpect + " got " + status);
          }
        }));
      }
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdownNow();
    }
    statuses.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    offenders.stream().limit(20).forEach(o -> System.out.println("OFFENDER " + o));
    assertThat(offenders).isEmpty();
    assertThat(rowCounts(app)).as("rows of every table").isEqualTo(before);
  }

  static String realPath(String pattern) {
    return pattern.replace("{region}", "eu-west-1").replace("{imageId}", "ami-0badc0ffee0000001")
        .replace("{instanceId}", "i-0123456789abcdef0").replace("{id}", "1")
        .replace("{owner}", "amazon").replace("<family>", "amzn2-ami-ecs-hvm-*-arm64-ebs")
        .replace("{file}", "app.css");
  }

  /** The route's path with its parameters filled: sometimes real, sometimes hostile. */
  static String path(Random r, String pattern) {
    String path = pattern;
    for (String param : List.of("{region}", "{imageId}", "{instanceId}", "{id}", "{owner}", "<family>", "{file}")) {
      if (!path.contains(param)) continue;
      String value = switch (r.nextInt(4)) {
        case 0 -> switch (param) {
          case "{region}" -> "eu-west-1";
          case "{imageId}" -> "ami-0badc0ffee0000001";
          case "{instanceId}" -> "i-0123456789abcdef0";
          case "{owner}" -> "amazon";
          case "<family>" -> "amzn2-ami-ecs-hvm-*-arm64-ebs";
          case "{file}" -> "app.css";
          default -> "1";
        };
        default -> FuzzTest.segment(r);
      };
      path = path.replace(param, value);
    }
    return path;
  }

  static Map<String, Long> rowCounts(TestApp app) {
    return TestStores.rowCounts(app.db);
  }
}
