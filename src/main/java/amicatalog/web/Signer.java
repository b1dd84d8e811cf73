package amicatalog.web;

import amicatalog.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs what the server issues to browsers (CSRF tokens, confirmation nonces) with the catalog's
 * own key, so that a value the server did not issue is told apart. The key is made once, at the
 * first start, and kept in the catalog file: restarts keep open forms valid.
 */
public final class Signer {
  private static final String KEY_NAME = "signing-key";
  private final SecretKeySpec key;

  Signer(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /**
   * The catalog's key, made and stored on first use. Called at start, never by a request. Processes
   * that start together on one catalog (replicas, a sync beside a serve) agree on one key: the first
   * insert wins and the others read it, where reading first and then inserting had the later one fail.
   */
  public static Signer load(Database db) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    byte[] key = db.write(h -> {
      h.execute("INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
          KEY_NAME, fresh, Instant.now().toString());
      return h.createQuery("SELECT value FROM secrets WHERE name = ?").bind(0, KEY_NAME).mapTo(byte[].class).one();
    });
    return new Signer(key);
  }

  /** HMAC-SHA256 of the parts (each one line), as 64 hex digits. */
  public String sign(String... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
    }
  }

  /** Whether {@code signature} is this key's signature of the parts, compared in constant time. */
  public boolean verify(String signature, String... parts) {
    return signature != null && MessageDigest.isEqual(sign(parts).getBytes(StandardCharsets.UTF_8),
        signature.getBytes(StandardCharsets.UTF_8));
  }
}
