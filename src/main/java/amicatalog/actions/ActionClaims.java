package amicatalog.actions;

import amicatalog.db.Database;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The guard that makes an action that costs money (a launch, a copy, a new image) run once: the
 * request that inserts the {@code actions} row of a client token is the one that calls EC2. A
 * double submit or a second tab finds the row taken; a failed action can be taken back once.
 */
public final class ActionClaims {
  public static final String PENDING = "pending";
  public static final String FAILED = "failed";

  private ActionClaims() {}

  /** What the new row says: its kind, who asked, the image, and the request as JSON. */
  public record Action(String kind, String who, String region, String imageId, String sourceRegion, String request) {}

  /** Inserts a pending row for the token and answers its id, or empty when the token has a row already. */
  public static Optional<Long> claim(Database db, Action action, String token) {
    String now = Instant.now().toString();
    return db.write(h -> {
      int inserted = h.createUpdate("""
              INSERT INTO actions (kind, created_at, updated_at, who, region, image_id, source_region, request,
                client_token, status)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_token) DO NOTHING""")
          .bind(0, action.kind()).bind(1, now).bind(2, now).bind(3, action.who()).bind(4, action.region())
          .bind(5, action.imageId()).bind(6, action.sourceRegion()).bind(7, action.request()).bind(8, token)
          .bind(9, PENDING).execute();
      if (inserted == 0) return Optional.<Long>empty();
      return Optional.of(h.createQuery("SELECT id FROM actions WHERE client_token = ?").bind(0, token)
          .mapTo(Long.class).one());
    });
  }

  /**
   * The row this request may act on: the token's new row, or its failed row taken back to ask EC2
   * again; empty when another request has it (a double submit, a second tab): its row tells how it went.
   */
  public static Optional<Long> claimOrRetry(Database db, Action action, String token) {
    Optional<Long> claimed = claim(db, action, token);
    if (claimed.isPresent() || !retry(db, token)) return claimed;
    return db.read(h -> h.createQuery("SELECT id FROM actions WHERE client_token = ?").bind(0, token).mapTo(Long.class).findOne());
  }

  /** Takes the token's failed row back to pending, to ask EC2 again; false when another request already did. */
  public static boolean retry(Database db, String token) {
    return db.write(h -> h.createUpdate("UPDATE actions SET status = ?, error = NULL, updated_at = ? "
            + "WHERE client_token = ? AND status = ?")
        .bind(0, PENDING).bind(1, Instant.now().toString()).bind(2, token).bind(3, FAILED).execute()) == 1;
  }

  /** A 64-character idempotency token from the parts of a confirmed request (EC2 allows 64). */
  public static String token(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(String.join("\n", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
