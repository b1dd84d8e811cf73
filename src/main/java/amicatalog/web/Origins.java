package amicatalog.web;

import amicatalog.app.App;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names this catalog answers to, and the one it calls itself in absolute URLs.
 *
 * <p>Any web page can reach a loopback server by rebinding its own name to 127.0.0.1; its requests
 * then carry its own name in {@code Host} and {@code Origin}. So a request is served only when its
 * Host is one of ours: the loopback names and the {@code --host} address at the port the request came
 * in on, the public URL's host, and the {@code --allowed-hosts} entries (a name alone means the
 * default port, as a proxy forwards it; {@code name:port} is taken as written).
 */
public final class Origins {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
  private static final Set<String> WILDCARD = Set.of("0.0.0.0", "::", "[::]");

  private final Set<String> namesAtOurPort = new HashSet<>();
  private final Set<String> exact = new HashSet<>();
  private final String bindHost;
  private final URI publicUrl;

  public Origins(String bindHost, List<String> allowedHosts, URI publicUrl) {
    this.bindHost = bindHost;
    namesAtOurPort.addAll(LOOPBACK);
    if (!WILDCARD.contains(bindHost)) namesAtOurPort.add(bracketed(bindHost).toLowerCase(Locale.ROOT));
    allowedHosts.forEach(h -> exact.add(h.toLowerCase(Locale.ROOT)));
    this.publicUrl = publicUrl;
    if (publicUrl != null) exact.add(publicUrl.getRawAuthority().toLowerCase(Locale.ROOT));
  }

  /** Whether a request whose Host header says {@code host} is meant for us (it came in on {@code localPort}). */
  public boolean allowsHost(String host, int localPort) {
    if (host == null || host.isBlank()) return false;
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (exact.contains(h)) return true;
    int colon = h.lastIndexOf(':');
    if (colon < 0 || h.endsWith("]")) return (localPort == 80 || localPort == 443) && namesAtOurPort.contains(h);
    return h.substring(colon + 1).equals(String.valueOf(localPort)) && namesAtOurPort.contains(h.substring(0, colon));
  }

  /** Whether a browser's Origin header ({@code scheme://host[:port]}) is one of ours. */
  public boolean allowsOrigin(String origin, int localPort) {
    try {
      URI uri = new URI(origin.strip());
      String scheme = uri.getScheme();
      boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
      return ("http".equals(scheme) || "https".equals(scheme)) && bare && uri.getRawAuthority() != null
          && allowsHost(uri.getRawAuthority(), localPort);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** The start of every absolute URL we write (feeds, share links): the configured one, never the request's Host. */
  public String base(int localPort) {
    if (publicUrl != null) return publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
    String host = WILDCARD.contains(bindHost) ? "127.0.0.1" : bracketed(bindHost);
    return "http://" + host + ":" + localPort;
  }

  /** The absolute URL base for this request's answer (the port it came in on, when no public URL is set). */
  public static String base(io.javalin.http.Context ctx) {
    return ctx.appData(App.ORIGINS).base(ctx.req().getLocalPort());
  }

  /** What a refused Host is told: the names that would have worked. */
  public String refusal(String host, int localPort) {
    return "This catalog does not answer to the name '" + abbreviate(host) + "'. Use http://127.0.0.1:" + localPort
        + "/, or add the name with --allowed-hosts.";
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String abbreviate(String s) {
    if (s == null) return "";
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
