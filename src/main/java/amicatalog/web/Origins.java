package amicatalog.web;

import amicatalog.common.Text;
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
 * in on, the public URL's host, and the {@code --allowed-hosts} entries ({@code name:port} as
 * written; a name alone at the default port, as a proxy forwards it, or at the port we serve).
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
    for (String h : allowedHosts) {
      String name = h.toLowerCase(Locale.ROOT);
      exact.add(name);
      if (port(name) < 0) namesAtOurPort.add(name);
    }
    this.publicUrl = publicUrl;
    if (publicUrl != null) exact.add(publicAuthority());
  }

  /** The public URL's host[:port], lower case, without its scheme's default port (browsers leave it out). */
  private String publicAuthority() {
    String host = publicUrl.getHost().toLowerCase(Locale.ROOT);
    int port = publicUrl.getPort();
    boolean defaultPort = port < 0 || (port == 443 && "https".equals(publicUrl.getScheme()))
        || (port == 80 && "http".equals(publicUrl.getScheme()));
    return defaultPort ? host : host + ":" + port;
  }

  /** The port of a host[:port], or -1 when it names none. */
  private static int port(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon < 0 || hostAndPort.endsWith("]")) return -1;
    try {
      return Integer.parseInt(hostAndPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -2;
    }
  }

  /** Whether a request whose Host header says {@code host} is meant for us (it came in on {@code localPort}). */
  public boolean allowsHost(String host, int localPort) {
    if (host == null || host.isBlank()) return false;
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (exact.contains(h)) return true;
    int port = port(h);
    if (port == -1) return (localPort == 80 || localPort == 443) && namesAtOurPort.contains(h);
    String name = h.substring(0, h.lastIndexOf(':'));
    if ((port == 80 || port == 443) && exact.contains(name)) return true;  // a default port said out loud
    return port == localPort && h.substring(h.lastIndexOf(':') + 1).equals(String.valueOf(localPort))
        && namesAtOurPort.contains(name);
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
    if (publicUrl != null) return publicUrl.getScheme() + "://" + publicAuthority();
    String host = WILDCARD.contains(bindHost) ? "127.0.0.1" : bracketed(bindHost);
    return "http://" + host + ":" + localPort;
  }

  /** The absolute URL base for this request's answer (the port it came in on, when no public URL is set). */
  public String base(io.javalin.http.Context ctx) {
    return base(ctx.req().getLocalPort());
  }

  /**
   * The origin a person reached this request by, for text they copy and run (the /api page's
   * snippets): the public URL when one is set, else http:// and the request's Host, which
   * {@link Security#checkRequest} has already found to be one of ours.
   */
  public String requested(io.javalin.http.Context ctx) {
    if (publicUrl != null) return base(ctx);
    return "http://" + ctx.host().strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Where this process reaches itself, for a request it makes to its own routes: the address it
   * listens on (loopback when it listens on every address), never through a proxy.
   */
  public String self(int localPort) {
    String host = WILDCARD.contains(bindHost) ? "127.0.0.1" : bracketed(bindHost);
    return "http://" + host + ":" + localPort;
  }

  /** What a refused Host is told: the names that would have worked. */
  public String refusal(String host, int localPort) {
    String named = host == null || host.isBlank() ? "This request names no host (HTTP/1.1 needs a Host header)."
        : "This catalog does not answer to the name '" + Text.cut(host, 60) + "'.";
    return named + " Use " + base(localPort) + "/, or add the name with --allowed-hosts.";
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

}
