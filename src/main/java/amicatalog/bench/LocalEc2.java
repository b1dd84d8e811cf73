package amicatalog.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EC2 endpoint on a loopback port that answers DescribeImages from pages of XML held in memory,
 * page after page by NextToken, whatever the filters: what the bench syncs through the real SDK
 * path ({@code Ec2ImageSource}), and what it times {@code aws ec2 describe-images} against.
 * The region is read from the request's SigV4 credential scope, as EC2's regional endpoints know it.
 */
public final class LocalEc2 implements AutoCloseable {
  private static final Pattern REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/ec2/");
  private final HttpServer server;
  private final Map<String, List<byte[]>> pages;

  /** @param pages each region's DescribeImages answers, in order, each with the next page's NextToken (its index) but the last */
  public LocalEc2(Map<String, List<byte[]>> pages) throws IOException {
    this.pages = Map.copyOf(pages);
    server = loopbackServer("local-ec2", 8, this::answer);
  }

  /** A started HTTP server on a free loopback port, answering by {@code handler} on {@code threads} daemon threads. */
  static HttpServer loopbackServer(String threadName, int threads, com.sun.net.httpserver.HttpHandler handler) throws IOException {
    // Each answer is sent as soon as it is written, as EC2's are, not held back by Nagle's algorithm (the JDK server's default).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.createContext("/", handler);
    server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      Matcher region = REGION.matcher(auth == null ? "" : auth);
      List<byte[]> regionPages = region.find() ? pages.get(region.group(1)) : null;
      if (!"DescribeImages".equals(form.get("Action")) || regionPages == null) {
        send(exchange, 400, error("InvalidAction", "this endpoint answers DescribeImages in " + pages.keySet()));
        return;
      }
      int page;
      try {
        page = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken")) : 0;
      } catch (NumberFormatException e) {
        page = -1;
      }
      if (page < 0 || page >= regionPages.size()) {
        send(exchange, 400, error("InvalidParameterValue", "no such NextToken"));
        return;
      }
      send(exchange, 200, regionPages.get(page));
    }
  }

  /** A form-encoded body (EC2's and STS's query protocol) as its fields. */
  static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  /** An error answer in EC2's shape, which the SDK reads its code from. */
  static byte[] error(String code, String message) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code + "</Code><Message>" + message
        + "</Message></Error></Errors><RequestID>0</RequestID></Response>").getBytes(StandardCharsets.UTF_8);
  }

  static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
