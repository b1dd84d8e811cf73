package amicatalog.auth;

import amicatalog.common.Hashes;
import amicatalog.db.Database;
import amicatalog.web.Role;
import amicatalog.web.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed-in browsers: a random session id in a cookie, its SHA-256 in the catalog file (so sessions
 * survive a restart and a stolen file holds no usable id), valid for {@link #LIFETIME}.
 */
public final class Sessions {
  static final Duration LIFETIME = Duration.ofDays(7);
  private final Database db;

  public Sessions(Database db) {
    this.db = db;
  }

  private record Row(String name, String role) {}

  /** A new session for the user; the id to put in the cookie. */
  String start(long userId) {
    String id = Hashes.secret();
    Instant now = Instant.now();
    db.write(h -> h.execute("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        Hashes.sha256(id), userId, now.toString(), now.plus(LIFETIME).toString()));
    return id;
  }

  Optional<SignedIn> user(String id) {
    if (id == null || !id.matches("[0-9a-f]{64}")) return Optional.empty();
    return db.read(h -> h.createQuery("""
            SELECT u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ? AND s.expires_at > ?""")
        .bind(0, Hashes.sha256(id)).bind(1, Instant.now().toString()).mapTo(Row.class).findOne()
        .map(r -> new SignedIn(r.name(), Role.parse(r.role()))));
  }

  void end(String id) {
    if (id != null) db.write(h -> h.execute("DELETE FROM sessions WHERE token_hash = ?", Hashes.sha256(id)));
  }
}
