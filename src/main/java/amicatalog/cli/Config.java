package amicatalog.cli;

import amicatalog.image.Scope;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the catalog is told at start, from flags (which win), env vars, then defaults.
 * Built once by the CLI and passed down; nothing reads the environment after this.
 */
public record Config(
    amicatalog.db.Store db, List<String> regions, Set<Scope> scopes, List<String> communityOwners, URI endpoint,
    String host, int port, Duration syncInterval, boolean demo, boolean readOnly,
    List<String> allowedHosts, URI publicUrl, List<String> trustedOwners, String trustedProxyHeader, String trustedProxy) {

  private static final Pattern REGION = amicatalog.aws.AwsNames.REGION;
  private static final Pattern OWNER = Pattern.compile("\\d{12}|[a-z][a-z0-9-]{1,62}");
  private static final Pattern HOST_NAME = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");

  public Config {
    regions = List.copyOf(regions);
    scopes = scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes);
    communityOwners = List.copyOf(communityOwners);
    allowedHosts = List.copyOf(allowedHosts);
    trustedOwners = List.copyOf(trustedOwners);
  }

  /** Checks the values together; the message says which flag or env var to fix. */
  public Config validate() {
    regions.forEach(r -> checkRegion("--regions", r));
    if (scopes.isEmpty()) throw new IllegalArgumentException("--scopes: name at least one scope");
    for (String o : communityOwners) {
      if (!OWNER.matcher(o).matches()) throw new IllegalArgumentException("--community-owners: '" + o + "' is neither a 12-digit account id nor an alias");
    }
    if (!communityOwners.isEmpty() && !scopes.contains(Scope.COMMUNITY)) {
      throw new IllegalArgumentException("--community-owners needs the community scope in --scopes");
    }
    if (endpoint != null && (endpoint.getScheme() == null || !endpoint.getScheme().matches("https?") || endpoint.getHost() == null)) {
      throw new IllegalArgumentException("--endpoint: '" + endpoint + "' is not an http(s) URL");
    }
    if (port < 0 || port > 65535) throw new IllegalArgumentException("--port: " + port + " is not a TCP port");
    if (host == null || host.isBlank()) throw new IllegalArgumentException("--host: empty");
    for (String h : allowedHosts) {
      if (!HOST_NAME.matcher(h).matches()) throw new IllegalArgumentException("--allowed-hosts: '" + h + "' is not a host name like catalog.example.com or catalog.example.com:8443");
    }
    if (publicUrl != null && (publicUrl.getScheme() == null || !publicUrl.getScheme().matches("https?") || publicUrl.getHost() == null
        || !(publicUrl.getRawPath() == null || publicUrl.getRawPath().isEmpty() || publicUrl.getRawPath().equals("/"))
        || publicUrl.getRawQuery() != null)) {
      throw new IllegalArgumentException("--public-url: '" + publicUrl + "' is not an origin like https://catalog.example.com (no path)");
    }
    if ((trustedProxyHeader == null) != (trustedProxy == null)) {
      throw new IllegalArgumentException("--trusted-proxy-header and --trusted-proxy go together: the header is honoured only from that address");
    }
    if (trustedProxyHeader != null && !trustedProxyHeader.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("--trusted-proxy-header: '" + trustedProxyHeader + "' is not a header name like X-Forwarded-User");
    }
    for (String o : trustedOwners) {
      if (!OWNER.matcher(o).matches()) throw new IllegalArgumentException("--trusted-owners: '" + o + "' is neither a 12-digit account id nor an alias");
    }
    if (!syncInterval.isZero() && syncInterval.compareTo(Duration.ofMinutes(5)) < 0) {
      throw new IllegalArgumentException("--sync-interval: at least 5m (or 0 to turn scheduled syncs off)");
    }
    return this;
  }

  /** Whether serve listens on this machine only (where sign-in may stay off). */
  public boolean loopbackOnly() {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }

  /** The names the web app answers to, and the one it calls itself. */
  public amicatalog.web.Origins origins() {
    return new amicatalog.web.Origins(host, allowedHosts, publicUrl);
  }

  public static void checkRegion(String flag, String region) {
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(flag + ": '" + region + "' is not a region name like eu-west-1");
    }
  }

  public static List<String> parseList(String text) {
    if (text == null || text.isBlank()) return List.of();
    return Pattern.compile("[,\\s]+").splitAsStream(text.trim()).filter(s -> !s.isEmpty()).distinct().toList();
  }

  public static Set<Scope> parseScopes(String text) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    parseList(text).forEach(s -> scopes.add(Scope.parse(s)));
    return scopes;
  }

  /** "6h", "30m", "90s", "1d" or "0" (off). */
  public static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("0")) return Duration.ZERO;
    var m = Pattern.compile("(\\d{1,6})([smhd])").matcher(t);
    if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a duration like 6h, 30m or 0");
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
