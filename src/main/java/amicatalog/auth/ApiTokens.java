package amicatalog.auth;

import amicatalog.common.Hashes;
import amicatalog.db.Database;
import amicatalog.web.Role;
import amicatalog.web.SignedIn;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tokens for scripts (`Authorization: Bearer …`): made for a user, shown once, kept as SHA-256,
 * revocable. A token acts with its user's current role.
 */
public final class ApiTokens {
  private static final String PREFIX = "amic_";
  private final Database db;

  public ApiTokens(Database db) {
    this.db = db;
  }

  public record Token(long id, String label, String createdAt, String revokedAt) {}

  private record Row(String name, String role) {}

  /** A new token for the user; the only time its text is known. */
  public String create(long userId, String label) {
    String token = PREFIX + Hashes.secret();
    db.write(h -> h.execute("INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)",
        userId, Hashes.sha256(token), label, Instant.now().toString()));
    return token;
  }

  public List<Token> of(long userId) {
    return db.read(h -> h.createQuery("SELECT id, label, created_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id")
        .bind(0, userId).mapTo(Token.class).list());
  }

  public boolean revoke(long userId, long tokenId) {
    return db.write(h -> h.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
        Instant.now().toString(), tokenId, userId)) == 1;
  }

  Optional<SignedIn> user(String token) {
    if (token == null || !token.startsWith(PREFIX)) return Optional.empty();
    return db.read(h -> h.createQuery("""
            SELECT u.name, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = ? AND t.revoked_at IS NULL""")
        .bind(0, Hashes.sha256(token)).mapTo(Row.class).findOne()
        .map(r -> new SignedIn(r.name(), Role.parse(r.role()))));
  }
}
