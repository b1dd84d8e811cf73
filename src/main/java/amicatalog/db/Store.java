package amicatalog.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

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
    if (lower.startsWith("jdbc:postgres")) v = v.substring("jdbc:".length());
    java.util.regex.Matcher scheme = ADDRESS.matcher(v);
    if (!scheme.find()) return new SqliteFile(Path.of(v));
    // Any scheme://… is an address, never a file name: taken for one, its password would be printed in "no such folder".
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    if (!name.equals("postgresql") && !name.equals("postgres")) {
      throw new IllegalArgumentException("--db: " + name + "://… is not a store this catalog knows: give a SQLite file name"
          + " or a postgresql://user:password@host:5432/database address");
    }
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--db: not a PostgreSQL address (postgresql://user:password@host:port/database): "
          + "a character needs percent-encoding (" + e.getReason() + ")");
    }
    // A host name with an underscore (a container's, say) is not one to java.net.URI: read from the authority then.
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    String userInfo = authority.contains("@") ? authority.substring(0, authority.lastIndexOf('@')) : null;
    String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
    if (hostAndPort.isEmpty()) throw new IllegalArgumentException("--db: the PostgreSQL address names no host (postgresql://user@host:5432/database)");
    String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (database.isEmpty() || database.contains("/")) {
      throw new IllegalArgumentException("--db: the PostgreSQL address names no database (postgresql://user@" + hostAndPort + "/database)");
    }
    String user = null, password = null;
    if (userInfo != null) {
      String[] parts = userInfo.split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) password = decode(parts[1]);
    }
    String url = "jdbc:postgresql://" + hostAndPort + "/" + database + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new Postgres(url, user == null || user.isEmpty() ? null : user, password);
  }

  /** The start of an address: a scheme and "://". */
  Pattern ADDRESS = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
