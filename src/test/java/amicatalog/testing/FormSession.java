package amicatalog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Connection.KeyVal;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.FormElement;

/**
 * A browser-like visitor of the app without a browser: it keeps the CSRF cookie, reads pages with
 * jsoup, and submits forms with what they hold (hidden fields, selected options, checked boxes), so
 * every POST carries the cookie, the matching hidden field and the Origin exactly as a real form does.
 */
public final class FormSession {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final URI base;
  private final Map<String, String> cookies;

  public FormSession(TestApp app) {
    this(app.base, new LinkedHashMap<>());
  }

  /** A visitor of the app at {@code base} (another process's, say). */
  public FormSession(URI base) {
    this(base, new LinkedHashMap<>());
  }

  private FormSession(URI base, Map<String, String> cookies) {
    this.base = base;
    this.cookies = cookies;
  }

  /** The same browser (its cookies) visiting another replica of the app, as a load balancer would send it. */
  public FormSession at(URI replica) {
    return new FormSession(replica, cookies);
  }

  private URI url(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String pathAndQuery) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(pathAndQuery)).GET();
    if (!cookies.isEmpty()) b.header("Cookie", cookieHeader());
    return remember(send(b.build()));
  }

  public Document page(String pathAndQuery) {
    HttpResponse<String> response = get(pathAndQuery);
    assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
    return parse(response);
  }

  public static Document parse(HttpResponse<String> response) {
    return Jsoup.parse(response.body(), response.uri().toString());
  }

  /** The form's own fields, as a browser would send them. */
  public static Map<String, List<String>> fields(FormElement form) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (KeyVal kv : form.formData()) fields.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value());
    return fields;
  }

  public HttpResponse<String> submit(FormElement form) {
    return submit(form, fields(form));
  }

  public HttpResponse<String> submit(FormElement form, Map<String, List<String>> fields) {
    return post(URI.create(form.attr("action")).getPath(), fields);
  }

  public HttpResponse<String> post(String path, Map<String, List<String>> fields) {
    String body = fields.entrySet().stream().flatMap(e -> e.getValue().stream()
            .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base.toString())
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!cookies.isEmpty()) b.header("Cookie", cookieHeader());
    return remember(send(b.build()));
  }

  private String cookieHeader() {
    synchronized (cookies) {  // a browser's cookies, shared by its visits of each replica
      return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }
  }

  /** The CSRF token the app signed for this visitor, as the form of the page at {@code path} carries it. */
  public String csrfTokenFrom(String path) {
    var field = page(path).selectFirst("input[name=_csrf]");
    assertThat(field).as("a form on " + path).isNotNull();
    return field.val();
  }

  /** The CSRF token the app signed for this visitor, as the Sync page's form carries it. */
  public String csrfToken() {
    var field = page("/sync").selectFirst("input[name=_csrf]");
    assertThat(field).as("the Sync page's form").isNotNull();
    return field.val();
  }

  /** This visitor's browser id cookie ("ami_csrf=…"), or null before the app gave one. */
  public String cookie() {
    return cookies.containsKey("ami_csrf") ? "ami_csrf=" + cookies.get("ami_csrf") : null;
  }

  /** Signs in through the login form; answers the form's response (303 on success). */
  public HttpResponse<String> signIn(String name, String password) {
    FormElement form = (FormElement) page("/login").selectFirst("form#sign-in-form");
    Map<String, List<String>> fields = fields(form);
    fields.put("name", List.of(name));
    fields.put("password", List.of(password));
    return submit(form, fields);
  }

  private HttpResponse<String> remember(HttpResponse<String> response) {
    synchronized (cookies) {
      for (String c : response.headers().allValues("Set-Cookie")) {
        String pair = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        boolean expired = c.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") || value.isEmpty();
        if (expired) cookies.remove(name);
        else cookies.put(name, value);
      }
    }
    return response;
  }
}
