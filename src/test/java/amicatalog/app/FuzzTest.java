package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed requests, from a fixed seed, against the search, detail, sync and health
 * routes of the real app: none may answer 5xx, and a 4xx page must tell a person what was wrong
 * (no empty body, no stack trace). Targets java.net.URI refuses (%ZZ, a lone %, raw brackets) go
 * over a plain socket, byte for byte.
 */
@OnBothStores
class FuzzTest {
  static final long SEED = 20261129L;
  static final int REQUESTS = 2_400;

  static TestApp app;
  static final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    app = TestApp.sharedReadOnly();
  }


  record Probe(String method, String target) {
    boolean html() {
      String path = target.split("[?#]", 2)[0];
      return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/health") || path.startsWith("/static/"));
    }
  }

  record Answer(int status, String body, String via) {}

  @Test
  void malformedRequestsNeverFailTheServer() throws Exception {
    Random random = new Random(SEED);
    List<Probe> probes = new ArrayList<>();
    probes.addAll(fixedProbes());
    while (probes.size() < REQUESTS) probes.add(randomProbe(random));

    long started = System.nanoTime();
    List<String> offenders = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Map<String, String> samples = new ConcurrentHashMap<>();
    AtomicInteger viaSocket = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Probe p : probes) {
        futures.add(pool.submit(() -> {
          Answer a = send(p);
          if (a.via().equals("socket")) viaSocket.incrementAndGet();
          statuses.computeIfAbsent(family(p) + " " + a.status(), k -> new AtomicInteger()).incrementAndGet();
          if (a.status() >= 400) {
            samples.putIfAbsent(family(p) + " " + a.status(), abbreviate(p.target(), 100) + " => " + abbreviate(text(a.body()), 200));
          }
          String problem = judge(p, a);
          if (problem != null) offenders.add(problem + ": " + p.method() + " " + abbreviate(p.target(), 300)
              + " -> " + a.status() + " via " + a.via() + " body: " + abbreviate(a.body().replaceAll("\\s+", " "), 300));
        }));
      }
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("fuzz: %d requests (%d over a raw socket) in %,d ms%n", probes.size(), viaSocket.get(), millis);
    new TreeMap<>(statuses).forEach((k, v) -> System.out.println("  " + k + ": " + v));
    new TreeMap<>(samples).forEach((k, v) -> System.out.println("  sample " + k + ": " + v));
    offenders.forEach(o -> System.out.println("OFFENDER " + o));

    assertThat(probes).hasSizeGreaterThanOrEqualTo(2_000);
    assertThat(offenders).as("responses that are 5xx, or 4xx without a human message").isEmpty();
  }

  /** Why this answer is wrong, or null when it is fine. */
  static String judge(Probe p, Answer a) {
    if (a.status() < 0) return "no response (" + a.body() + ")";
    if (a.status() >= 500) return "5xx";
    if (a.status() >= 400 && !p.method().equals("HEAD")) {  // a HEAD answer has no body to judge
      if (a.body().isBlank()) return "4xx with an empty body";
      if (a.body().contains("Exception") || a.body().contains("at amicatalog.") || a.body().contains("\tat ")) {
        return "4xx showing a stack trace";
      }
      if (p.html() && !a.body().contains("<")) return "4xx HTML route without a page";
    }
    return null;
  }

  /** A body as a person reads it: tags and runs of white space dropped. */
  static String text(String body) {
    return body.replaceAll("(?s)<head>.*</head>|<header.*?</header>|<footer>.*?</footer>", " ")
        .replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
  }

  static String family(Probe p) {
    String path = p.target().split("[?#]", 2)[0];
    String f;
    if (path.equals("/")) f = "/";
    else if (path.startsWith("/api/images.csv")) f = "/api/images.csv";
    else if (path.equals("/api/images")) f = "/api/images";
    else if (path.startsWith("/api/images/")) f = "/api/images/{region}/{id}";
    else if (path.startsWith("/images/")) f = "/images/{region}/{id}";
    else if (path.startsWith("/sync")) f = "/sync";
    else if (path.startsWith("/health")) f = "/health";
    else f = "other";
    return p.method() + " " + f;
  }

  // --- sending

  static Answer send(Probe p) {
    URI uri = null;
    try {
      uri = new URI(app.base + p.target());
      // Only when java.net.URI keeps the target byte for byte; otherwise the socket sends it raw.
      String raw = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      if (!raw.equals(p.target()) || uri.getRawFragment() != null) uri = null;
    } catch (URISyntaxException illegal) {
      uri = null;
    }
    if (uri == null || !p.target().chars().allMatch(c -> c > 32 && c < 127)) return raw(p);
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
      b = switch (p.method()) {
        case "GET" -> b.GET();
        case "HEAD" -> b.method("HEAD", HttpRequest.BodyPublishers.noBody());
        case "POST" -> b.header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("_csrf=0123456789abcdef0123456789abcdef"));
        default -> b.method(p.method(), HttpRequest.BodyPublishers.noBody());
      };
      HttpRequest request = b.build();
      HttpResponse<byte[]> r;
      try {
        r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        // The JDK client sent this on a kept-alive connection the server had just closed after an
        // earlier answer: nothing reached the server. Sent again, once; a server that fails fails again.
        if (!String.valueOf(e.getMessage()).contains("received no bytes")) throw e;
        r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      }
      return new Answer(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), "http");
    } catch (IOException | InterruptedException e) {
      return new Answer(-1, e.toString(), "http");
    }
  }

  /** One HTTP/1.1 request written as given (UTF-8), read to the end of the connection. */
  static Answer raw(Probe p) {
    try (Socket s = new Socket("127.0.0.1", app.base.getPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write((p.method() + " " + p.target() + " HTTP/1.1\r\nHost: 127.0.0.1:" + app.base.getPort()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] all = in.readAllBytes();
      String text = new String(all, StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.1 ") || end < 0) return new Answer(-1, "unreadable response: " + abbreviate(text, 200), "socket");
      int status = Integer.parseInt(text.substring(9, 12));
      String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
      String body = text.substring(end + 4);
      if (head.contains("transfer-encoding: chunked")) body = unchunk(body);
      return new Answer(status, body, "socket");
    } catch (IOException | RuntimeException e) {
      return new Answer(-1, e.toString(), "socket");
    }
  }

  static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] b = chunked.getBytes(StandardCharsets.UTF_8);
    int i = 0;
    while (i < b.length) {
      int eol = indexOf(b, i);
      if (eol < 0) break;
      int size = Integer.parseInt(new String(b, i, eol - i, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
      if (size == 0) break;
      bytes.write(b, eol + 2, Math.min(size, b.length - eol - 2));
      i = eol + 2 + size + 2;
    }
    body.append(bytes.toString(StandardCharsets.UTF_8));
    return body.toString();
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) if (b[i] == '\r' && b[i + 1] == '\n') return i;
    return -1;
  }

  // --- what to send

  static final List<String> FACETS = List.of("region", "category", "owner", "platform", "arch", "virt", "root",
      "boot", "ena", "state", "deprecated", "year");
  static final List<String> OTHER_PARAMS = List.of("q", "q", "q", "sort", "page", "page");
  static final List<String> UNKNOWN_PARAMS = List.of("foo", "Q", "Arch", "REGION", "q[]", "arch[]", "%71", "", "=",
      "_csrf", "started", "facet", "limit", "offset", "callback", "__proto__", "constructor", "a%00b", "%ZZ", "page%5B%5D");
  static final List<String> FTS = List.of("\"", "\"\"", "\"a", "a\"", "*", "**", "a*", "*a", "NEAR(", "NEAR(a b)",
      "NEAR(a b, 3)", "NEAR/3", "-", "--", "-a", "a-", ":", "name:", "name:ecs", "{name description}:ecs", "^", "^a",
      "AND", "OR", "NOT", "AND OR NOT", "a AND", "OR b", "NOT NOT", "(", ")", "((", "))", "(a", "a)", "(((", ")))(((",
      "a OR (b", "+", "'", "''", "\\", ";", "/*", "*/", "%", "_", "' OR 1=1 --", "\"; DROP TABLE images; --",
      "MATCH", "rank", "bm25(", "highlight(", "\u0000", "ecs*", "amzn2 ecs", "ami-", "snap-", "ami-0badc0ffee0000001",
      "999988887777", "snap-0123456789abcdef0", "ami-XYZ", "fedora coreos", "ubuntu 24.04", "windows_server");
  static final List<String> UNICODE = List.of("🦄", "👨‍👩‍👧‍👦", "\u202Eevil\u202C", "مرحبا", "שלום", "日本語",
      "e\u0301", "\u200B", "\uFEFF", "Ω≈ç√", "ﬁ", "İstanbul", "straße", "𝕬𝖇𝖈", "\uD83D\uDE00\uD83D\uDE00",
      "\u0000", "\u0007", "\u001B[31m", "\u007F", "\u2028", "\u00A0", "１２３", "٣", "\t", "\r\n", "a\nb", "\u0085");
  static final List<String> RAW_BAD = List.of("%ZZ", "%", "%4", "%%", "%G1", "%u0041", "%C3%28", "%FF", "%FE%FF",
      "%ED%A0%80", "%F4%90%80%80", "%C0%AF", "%E2%82", "%00", "%0A", "%0D%0A", "%0D%0ASet-Cookie:%20x=1", "%1B", "%7F",
      "%25", "%2525", "%2F", "%5C", "%3C", "%3E", "%22", "%27", "%26", "%3D", "%23", "%3F", "%20", "+", "++",
      "%E2%80%AE", "%EF%BF%BF", "%F0%9F%A6%84", "a%", "%%%", "%2", "%-1", "%+1");
  static final List<String> NUMBERS = List.of("0", "-1", "-0", "1", "2", "1.5", "1e3", "1E2", "0x10", "+3", " 2",
      "2 ", "99999999999999999999", "2147483647", "2147483648", "-2147483648", "20000", "20001", "19999", "NaN",
      "Infinity", "１", "٣", "1_000", "1,000", "00001", "", " ", "null", "undefined", "true", "[]", "{}", "9".repeat(400));
  static final List<String> REAL = List.of("arm64", "x86_64", "eu-west-1", "us-east-1", "ap-southeast-6", "public",
      "private", "marketplace", "amazon", "Linux/UNIX", "Windows", "hvm", "ebs", "uefi", "yes", "no", "available",
      "2024", "2026", "unspecified", "ecs", "fedora", "newest", "oldest", "name", "region");
  static final List<String> SORTS = List.of("newest", "oldest", "name", "region", "NAME", "Newest", "sideways", "",
      "name;", "name desc", "1", "-name", "region,name", "rank", "created DESC; --", "name%00");
  static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "ap-southeast-6", "us-gov-west-1",
      "us-isob-east-1", "eu-west-9", "mars-north-1", "EU-WEST-1", "eu-west-", "eu-west-1 ", "..", ".", "%2e%2e",
      "%2E", "%2F", "a%2Fb", "'", "%22", "%27", "<x>", "%3Cscript%3E", "%00", "%20", "+", "%25", "%ZZ", "%",
      "~", "@", ";", "a;b=c", "%F0%9F%A6%84", "%E2%80%AEeu-west-1", "x".repeat(300), "eu-west-1%00", "eu-west-1.json",
      "eu%2Dwest%2D1", "*", "%5C..%5C", "..%2F..%2F");
  static final List<String> IDS = List.of("ami-0badc0ffee0000001", "ami-00000000000000000", "ami-", "ami-1",
      "AMI-0123", "ami-" + "a".repeat(32), "ami-" + "a".repeat(33), "ami-" + "f".repeat(5000), "ami-1%2F2",
      "..%2F..%2Fetc%2Fpasswd", "ami-1;drop", "ami-1.json", "ami-0badc0ffee0000001%00", "ami-%F0%9F%A6%84",
      "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%20'1'='1", "ami-1%0D%0AX:y", "%2e%2e", ".", "..", "%", "%ZZ",
      "ami-0badc0ffee0000001%20", "snap-0123456789abcdef0", "ami-1?x", "ami-1%3F", "ami-*", "ami-1%22");

  static List<Probe> fixedProbes() {
    List<Probe> fixed = new ArrayList<>();
    for (String path : List.of("/", "/api/images", "/api/images.csv")) {
      for (String q : List.of("page=1&page=2", "page=2&page=abc", "sort=name&sort=region", "q=a&q=b&q=%22",
          "arch=" + String.join("&arch=", Collections.nCopies(60, "arm64")),
          IntStream.range(0, 60).mapToObj(i -> "region=r" + i).collect(Collectors.joining("&")),
          IntStream.range(0, 50).mapToObj(i -> "owner=o" + i).collect(Collectors.joining("&")),
          IntStream.range(0, 12).mapToObj(i -> FACETS.get(i) + "=" + enc(REAL.get(i))).collect(Collectors.joining("&")),
          "q=" + enc("a".repeat(200)), "q=" + enc("a".repeat(201)), "q=" + enc("é".repeat(200)),
          "q=" + enc("🦄".repeat(100)), "q=" + enc("🦄".repeat(101)), "q=" + "x".repeat(10_000),
          "q=" + enc("\"".repeat(10_000)), "arch=" + enc("a".repeat(100)), "arch=" + enc("a".repeat(101)),
          "page=20000", "page=20001", "page=0", "page=-5", "page=1.0", "page=" + "9".repeat(50),
          "q=" + enc("w ".repeat(99)), "q=" + enc(String.join(" ", FTS.subList(0, 40))), "q=%ZZ", "q=%", "q=%E2%82",
          "q=%00", "q=a%00b", "q=fedora%00", "q=%00fedora", "&&&&", "=&=&=", "q", "q=", "arch=", "arch", "foo=bar", "sort=", "page=", "%ZZ=1", "q=a#frag")) {
        fixed.add(new Probe("GET", path + "?" + q));
      }
    }
    for (String path : List.of("/images/eu-west-1", "/images/eu-west-1/", "/images//ami-1", "/images/eu-west-1/ami-1/x",
        "/images/eu-west-1/ami-0badc0ffee0000001/", "/api/images/eu-west-1", "/api/images/eu-west-1/", "/api/images/",
        "/api/images.json", "/api/images.csv/x", "/api", "/api/", "/images", "/images/", "/images/../sync",
        "/images/%2e%2e/%2e%2e/sync", "/./", "//", "/%2F", "/;", "/;jsessionid=1", "/images;x=1/eu-west-1/ami-1",
        "/health/", "/health.json", "/healthz", "/sync/", "/sync/1", "/static/", "/static/../catalog.db",
        "/static/%2e%2e/catalog.db", "/static/nothing.css", "/favicon.ico", "/robots.txt", "/index.html",
        "/api/images/eu-west-1/ami-0badc0ffee0000001?x=%ZZ", "/images/eu-west-1/ami-%u0041", "/images/%u0041/ami-1",
        "/api/images/eu-west-1/ami-%u0041", "/images/eu-west-1/ami-%ZZ", "/images/eu-west-1/ami-%", "/images/%C3%28/ami-1", "/images/eu-west-1/ami-0badc0ffee0000001?%")) {
      fixed.add(new Probe("GET", path));
    }
    for (String method : List.of("HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW")) {
      for (String path : List.of("/", "/api/images", "/api/images.csv", "/images/eu-west-1/ami-0badc0ffee0000001",
          "/api/images/eu-west-1/ami-0badc0ffee0000001", "/sync", "/health")) {
        fixed.add(new Probe(method, path));
      }
    }
    return fixed;
  }

  static Probe randomProbe(Random r) {
    int kind = r.nextInt(100);
    if (kind < 55) {
      String path = pick(r, List.of("/", "/", "/api/images", "/api/images", "/api/images.csv"));
      return new Probe("GET", path + query(r));
    }
    if (kind < 85) {
      String path = (r.nextBoolean() ? "/images/" : "/api/images/") + pick(r, REGIONS) + "/" + pick(r, IDS);
      if (r.nextInt(4) == 0) path = (r.nextBoolean() ? "/images/" : "/api/images/") + segment(r) + "/" + segment(r);
      if (r.nextInt(5) == 0) path += query(r);
      return new Probe("GET", path);
    }
    if (kind < 95) return new Probe("GET", pick(r, List.of("/sync", "/health", "/sync")) + query(r));
    return new Probe(pick(r, List.of("HEAD", "POST", "DELETE", "OPTIONS")),
        pick(r, List.of("/", "/api/images", "/sync", "/health", "/images/eu-west-1/ami-0badc0ffee0000001")) + query(r));
  }

  static String query(Random r) {
    int n = r.nextInt(7);
    List<String> parts = new ArrayList<>();
    if (r.nextInt(12) == 0) {  // many values of one facet
      String facet = pick(r, FACETS);
      int count = pick(r, List.of(49, 50, 51, 60, 200));
      for (int i = 0; i < count; i++) parts.add(facet + "=" + (r.nextBoolean() ? value(r) : enc(pick(r, REAL) + i)));
    }
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(10);
      String name = k < 5 ? pick(r, FACETS) : k < 8 ? pick(r, OTHER_PARAMS) : pick(r, UNKNOWN_PARAMS);
      String value = switch (name) {
        case "page" -> r.nextBoolean() ? enc(pick(r, NUMBERS)) : value(r);
        case "sort" -> r.nextBoolean() ? enc(pick(r, SORTS)) : value(r);
        default -> value(r);
      };
      parts.add(r.nextInt(20) == 0 ? name : name + "=" + value);
      if (r.nextInt(8) == 0) parts.add(name + "=" + value(r));  // the same parameter again
    }
    String sep = r.nextInt(30) == 0 ? pick(r, List.of("&&", ";", "&amp;")) : "&";
    return parts.isEmpty() && r.nextBoolean() ? "" : "?" + String.join(sep, parts);
  }

  /** One parameter value, already in its on-the-wire form (mostly percent-encoded, sometimes raw and broken). */
  static String value(Random r) {
    return switch (r.nextInt(12)) {
      case 0 -> enc(pick(r, FTS));
      case 1 -> enc(IntStream.range(0, 1 + r.nextInt(8)).mapToObj(i -> r.nextBoolean() ? pick(r, FTS) : pick(r, REAL))
          .collect(Collectors.joining(r.nextBoolean() ? " " : "")));
      case 2 -> enc(String.valueOf((char) ('a' + r.nextInt(26))).repeat(pick(r, List.of(99, 100, 101, 199, 200, 201, 1000, 5000, 10_000))));
      case 3 -> enc(pick(r, UNICODE) + (r.nextBoolean() ? pick(r, REAL) : ""));
      case 4 -> pick(r, RAW_BAD);
      case 5 -> pick(r, REAL) + pick(r, RAW_BAD) + (r.nextBoolean() ? pick(r, RAW_BAD) : "");
      case 6 -> enc(pick(r, NUMBERS));
      case 7 -> enc(junk(r, 1 + r.nextInt(40)));
      case 8 -> rawJunk(r, 1 + r.nextInt(10));
      case 9 -> "";
      default -> enc(pick(r, REAL));
    };
  }

  static String segment(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> enc(junk(r, 1 + r.nextInt(60))).replace("+", "%20");
      case 1 -> pick(r, RAW_BAD);
      case 2 -> enc(pick(r, UNICODE)).replace("+", "%20");
      case 3 -> "ami-" + pick(r, RAW_BAD);
      default -> enc(pick(r, FTS)).replace("+", "%20");
    };
  }

  /** Printable ASCII and a few control and non-ASCII characters, to be encoded. */
  static String junk(Random r, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int c = r.nextInt(20) == 0 ? pick(r, List.of(0, 1, 10, 13, 0x7f, 0xe9, 0x202e, 0xfffd)) : 32 + r.nextInt(95);
      s.append((char) c);
    }
    return s.toString();
  }

  /** Characters java.net.URI refuses or that need quoting, sent as they are. */
  static String rawJunk(Random r, int length) {
    String chars = "\"'<>`{}|\\^[]é~!$()*,;:@/?";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) s.append(chars.charAt(r.nextInt(chars.length())));
    return s.toString();
  }

  static <T> T pick(Random r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String abbreviate(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "…(" + s.length() + " chars)" : s;
  }
}
