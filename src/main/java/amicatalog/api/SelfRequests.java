package amicatalog.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Asks this running catalog for an example, over HTTP as a script would, so that the example
 * answer is exactly what the snippet gets: the same handler, headers, errors. The request carries
 * the asker's own credentials (session cookie, API token, the trusted proxy's user header), so it
 * may read no more than they may. Only the first part of a long answer is read.
 */
final class SelfRequests {
  /** More than any example needs; a long CSV is cut off here (the rest is never read). */
  static final int MOST_BYTES = 1 << 20;
  /** An example that takes longer is left out of the page rather than holding it up. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final String proxyHeader;
  private final String proxyAddress;

  /**
   * {@code proxyHeader}: the header a trusted proxy names its user in, honoured (as the sign-in
   * gate does) only from {@code proxyAddress}; null for none.
   */
  SelfRequests(String proxyHeader, String proxyAddress) {
    this.proxyHeader = proxyHeader;
    this.proxyAddress = proxyAddress;
  }

  /** The asker's credentials: the proxy's header only when the proxy sent it, else anyone could name a user in it. */
  private List<String> forwarded(Context asker) {
    boolean fromProxy = proxyHeader != null && proxyAddress != null && proxyAddress.equals(asker.ip());
    return fromProxy ? List.of("Cookie", "Authorization", proxyHeader) : List.of("Cookie", "Authorization");
  }

  /** The answer, or why there is none ({@code failure}); {@code complete} is false when it was longer than was read. */
  record Answer(int status, String contentType, String text, boolean complete, String failure) {
    boolean ok() {
      return failure == null && status == 200;
    }
  }

  Answer get(String self, String pathAndQuery, Context asker) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(self + pathAndQuery)).timeout(TIMEOUT).GET();
    for (String header : forwarded(asker)) {
      String value = asker.header(header);
      if (value != null) request.header(header, value);
    }
    try {
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        byte[] read = body.readNBytes(MOST_BYTES);
        boolean complete = body.read() < 0;
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
            new String(read, StandardCharsets.UTF_8), complete, null);
      }
    } catch (IOException e) {
      return new Answer(0, "", "", false, "the catalog did not answer in time (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "", "", false, "interrupted");
    }
  }
}
