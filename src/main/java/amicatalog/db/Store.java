package amicatalog.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the catalog lives, as {@code --db} (or AMI_CATALOG_DB) names it: a PostgreSQL database
 * ({@code postgresql://user:password@host:port/db?sslmode=require}) or else a SQLite file. Printed,
 * a store never shows its password: the value ends up in logs and error messages.
 */
public sealed interface Store {

  /** The catalog in one SQLite file (the default: one person or one team). */
  record SqliteFile(Path file) implements Store {
    @Override
    public String toString() {
      return file.toString();
    }
  }

  /**
   * A PostgreSQL database: the JDBC address (without the credentials, which go to the driver as
   * properties), the user and the password (null when the address gives none).
   */
  record Postgres(String jdbcUrl, String user, String password) implements Store {
    @Override
    public String toString() {
      String address = jdbcUrl.substring("jdbc:".length());
      int query = address.indexOf('?');
      if (query >= 0) address = address.substring(0, query) + "?…";  // a query may carry credentials too
      int hostStart = "postgresql://".length();
      return user == null ? address
          : address.substring(0, hostStart) + user + (password == null ? "" : ":***") + "@" + address.substring(hostStart);
    }
  }

  /** Reads a {@code --db} value; an address that is PostgreSQL's but incomplete is refused with what to fix. */
  static Store parse(String value) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException("--db: name a catalog file or a postgresql:// address");
    String v = value.strip();
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) v = v.substring("jdbc:".length());
    else if (!lower.startsWith("postgresql:") && !lower.startsWith("postgres:")) return new SqliteFile(Path.of(v));
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--db: not a PostgreSQL address (postgresql://user:password@host:port/database): "
          + "a character needs percent-encoding (" + e.getReason() + ")");
    }
    if (uri.getHost() == null) throw new IllegalArgumentException("--db: the PostgreSQL address names no host (postgresql://user@host:5432/database)");
    String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (database.isEmpty() || database.contains("/")) {
      throw new IllegalArgumentException("--db: the PostgreSQL address names no database (postgresql://user@" + uri.getHost() + "/database)");
    }
    String user = null, password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) password = decode(parts[1]);
    }
    String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
    String url = "jdbc:postgresql://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/" + database
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new Postgres(url, user == null || user.isEmpty() ? null : user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
