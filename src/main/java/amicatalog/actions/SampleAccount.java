package amicatalog.actions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The demo's sample account: what the launch, copy and create-image forms of the demo catalog are
 * filled from instead of an AWS account. Made up but plausible (subnets, security groups, key
 * pairs, instances; the instance types' specifications are real), the same on every start, and
 * every page that shows it says "demo sample account". Nothing of it comes from, or goes to, AWS.
 */
public final class SampleAccount {
  /** The account id AWS's own documentation uses in its examples. */
  public static final String ID = "123456789012";
  public static final String LABEL = "demo sample account";
  /** What the forms say where a catalog with an account would ask EC2 (the dry run). */
  public static final String NOTHING_SENT = "demo: nothing is sent to AWS";

  private SampleAccount() {}

  /** "demo sample account 123456789012". */
  public static String label() {
    return LABEL + " " + ID;
  }

  /**
   * A made-up resource id such as {@code subnet-0a1b2c…} (17 hex digits, as EC2's are), the same for
   * the same {@code name} in the same region on every start.
   */
  public static String id(String prefix, String region, String name) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest((region + "/" + name).getBytes(StandardCharsets.UTF_8));
      return prefix + "-0" + HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
