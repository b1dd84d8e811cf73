package amicatalog.actions;

import amicatalog.web.Security;
import amicatalog.web.Signer;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nonce of a confirmation step (launch, copy, create image): issued by the server when the
 * check passes, signed over what was checked and this browser's id, valid for an hour. A confirm
 * whose nonce the server did not issue, or issued for another request, is refused and logged; the
 * action's claim on its nonce-derived token makes one confirmation one action.
 */
public final class Confirmations {
  static final Duration LIFETIME = Duration.ofHours(1);
  private static final Pattern NONCE = Pattern.compile("([0-9a-f]{8,12})-([0-9a-f]{32})-([0-9a-f]{64})");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger log = LoggerFactory.getLogger(Confirmations.class);

  private final Signer signer;
  private final Security security;

  public Confirmations(Signer signer, Security security) {
    this.signer = signer;
    this.security = security;
  }

  /** A nonce for the confirmation of exactly {@code checked} (the kind of action first, then what it acts on). */
  public String issue(Context ctx, String... checked) {
    String issued = Long.toHexString(Instant.now().getEpochSecond());
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String random = HexFormat.of().formatHex(bytes);
    return issued + "-" + random + "-" + signer.sign(parts(security.browserId(ctx), issued, random, checked));
  }

  /**
   * Refuses (403, logged) a nonce this server did not issue to this browser for exactly
   * {@code checked}, or one older than an hour; returns it when it is good.
   */
  public String check(Context ctx, String nonce, String... checked) {
    Matcher m = NONCE.matcher(nonce == null ? "" : nonce);
    if (!m.matches() || !signer.verify(m.group(3), parts(security.browserId(ctx), m.group(1), m.group(2), checked))) {
      log.warn("refused {} {}: a confirmation nonce this catalog did not issue for this request", ctx.method(), ctx.path());
      throw new ForbiddenResponse("This confirmation was not issued by this catalog for this request (or it was changed"
          + " after the check), so nothing was done. Check the request again to get a fresh confirmation.");
    }
    long issued = Long.parseLong(m.group(1), 16);
    if (Instant.ofEpochSecond(issued).plus(LIFETIME).isBefore(Instant.now())) {
      log.info("refused {} {}: a confirmation older than {}", ctx.method(), ctx.path(), LIFETIME);
      throw new ForbiddenResponse("This confirmation is more than an hour old, so nothing was done. Check the request again.");
    }
    return nonce;
  }

  private static String[] parts(String browser, String issued, String random, String... checked) {
    String[] parts = new String[checked.length + 4];
    parts[0] = "confirm";
    parts[1] = browser;
    parts[2] = issued;
    parts[3] = random;
    System.arraycopy(checked, 0, parts, 4, checked.length);
    return parts;
  }
}
