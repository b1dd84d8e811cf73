package amicatalog.auth;

import amicatalog.db.Database;
import amicatalog.web.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The catalog's users, kept in the catalog file: a name, a role, a BCrypt password hash. Wrong
 * passwords are counted per name: after {@link #MOST_FAILURES} in {@link #LOCKOUT}, that name is
 * refused until the window has passed.
 */
public final class Users {
  static final int MOST_FAILURES = 5;
  static final Duration LOCKOUT = Duration.ofMinutes(15);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();
  /** A hash to check a password against when the name is unknown, so that both take the same time. */
  private static final class Nobody {
    // Made at the first sign-in, not at class loading: a BCrypt hash took a quarter second of start-up.
    static final String HASH = BCRYPT.encode("no one has this password");
  }

  private final Database db;

  public Users(Database db) {
    this.db = db;
  }

  public record User(long id, String name, String role, String createdAt) {}

  private record Stored(long id, String name, String role, String passwordHash) {}

  /** The outcome of a sign-in: the user, or why not. */
  public record Verdict(User user, String refusal) {}

  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a user name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
    }
    return name;
  }

  public static void checkPassword(String password) {
    if (password == null || password.length() < 12) throw new IllegalArgumentException("a password has at least 12 characters");
    if (password.length() > 72) throw new IllegalArgumentException("a password has at most 72 characters (BCrypt's limit)");
  }

  public void add(String name, Role role, String password) {
    checkName(name);
    checkPassword(password);
    if (find(name).isPresent()) throw new IllegalArgumentException("there is already a user named " + name);
    db.write(h -> h.execute("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
        name, role.label(), BCRYPT.encode(password), Instant.now().toString()));
  }

  public List<User> list() {
    return db.read(h -> h.createQuery("SELECT id, name, role, created_at FROM users ORDER BY name").mapTo(User.class).list());
  }

  public int count() {
    return db.read(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Integer.class).one());
  }

  public Optional<User> find(String name) {
    return db.read(h -> h.createQuery("SELECT id, name, role, created_at FROM users WHERE name = ?").bind(0, name)
        .mapTo(User.class).findOne());
  }

  /** Removes the user, with their sessions and tokens; false when there is none of that name. */
  public boolean remove(String name) {
    return db.write(h -> {
      Optional<Long> id = h.createQuery("SELECT id FROM users WHERE name = ?").bind(0, name).mapTo(Long.class).findOne();
      if (id.isEmpty()) return false;
      h.execute("DELETE FROM sessions WHERE user_id = ?", id.get());
      h.execute("DELETE FROM api_tokens WHERE user_id = ?", id.get());
      h.execute("DELETE FROM users WHERE id = ?", id.get());
      return true;
    });
  }

  public boolean setRole(String name, Role role) {
    return db.write(h -> h.execute("UPDATE users SET role = ? WHERE name = ?", role.label(), name)) == 1;
  }

  /** Checks a password, counting a wrong one; a name with too many recent wrong ones is refused outright. */
  public Verdict signIn(String name, String password) {
    Instant now = Instant.now();
    String since = now.minus(LOCKOUT).toString();
    int failures = db.read(h -> h.createQuery("SELECT count(*) FROM sign_in_failures WHERE name = ? AND at > ?")
        .bind(0, name).bind(1, since).mapTo(Integer.class).one());
    if (failures >= MOST_FAILURES) {
      return new Verdict(null, "Too many wrong passwords for this name: try again in " + LOCKOUT.toMinutes() + " minutes.");
    }
    Optional<Stored> stored = db.read(h -> h.createQuery("SELECT id, name, role, password_hash FROM users WHERE name = ?")
        .bind(0, name).mapTo(Stored.class).findOne());
    boolean ok = BCRYPT.matches(password == null ? "" : password, stored.map(Stored::passwordHash).orElseGet(() -> Nobody.HASH));
    if (ok && stored.isPresent()) {
      Stored s = stored.get();
      db.write(h -> h.execute("DELETE FROM sign_in_failures WHERE name = ?", name));
      return new Verdict(new User(s.id(), s.name(), s.role(), null), null);
    }
    db.write(h -> h.execute("INSERT INTO sign_in_failures (name, at) VALUES (?, ?)", name, now.toString()));
    return new Verdict(null, "The name or the password is wrong.");
  }
}
