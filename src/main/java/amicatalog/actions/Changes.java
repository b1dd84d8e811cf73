package amicatalog.actions;

import amicatalog.aws.Account;
import amicatalog.aws.Accounts;
import amicatalog.aws.AwsAccess;
import amicatalog.image.ImageOwner;
import amicatalog.web.SignedIn;
import io.javalin.http.Context;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Whether, and as whom, this catalog may change the AWS account (launch, copy, create an image):
 * never for the demo catalog, with --read-only, or without AWS access. The demo catalog's forms
 * work on the {@link SampleAccount} instead ({@link #sample()}), and stop before any AWS call.
 */
public final class Changes {
  private final Accounts accounts;
  private final AwsAccess aws;
  private final String demoAsOf;
  private final boolean readOnly;
  private final List<String> trustedOwners;

  /** {@code accounts} is null for the demo catalog; {@code demoAsOf} its date (null for a synced account). */
  public Changes(Accounts accounts, String demoAsOf, boolean readOnly, List<String> trustedOwners) {
    this.accounts = accounts;
    this.aws = accounts == null ? null : accounts.home();
    this.demoAsOf = demoAsOf;
    this.readOnly = readOnly;
    this.trustedOwners = List.copyOf(trustedOwners);
  }

  /** The credentials' own account, to act on; only when {@link #offReason()} is null. */
  public AwsAccess aws() {
    return aws;
  }

  /**
   * The accounts this catalog lists and may act in (the credentials' own alone unless several are
   * configured); empty for the demo catalog. Throws SdkException when the credentials' own account
   * cannot be identified.
   */
  public List<Account> accounts() {
    return accounts == null ? List.of() : accounts.known();
  }

  /**
   * The ids of the accounts this catalog lists (the demo's: the sample account's); empty when none
   * is known (no AWS access, or STS could not be asked).
   */
  public List<String> accountIds() {
    if (sample()) return List.of(SampleAccount.ID);
    try {
      return accounts().stream().map(Account::id).toList();
    } catch (SdkException e) {
      return List.of();
    }
  }

  /** How to act in this account; IllegalArgumentException for an account this catalog does not list. */
  public AwsAccess aws(String accountId) {
    if (accounts == null) throw new IllegalArgumentException("this catalog has no AWS access configured");
    return accounts.access(accountId);
  }

  /**
   * Whether the forms are filled from the demo's {@link SampleAccount} and stop at the dry-run step
   * (the demo catalog, unless --read-only): then {@link #offReason()} still says nothing may change AWS.
   */
  public boolean sample() {
    return demoAsOf != null && !readOnly;
  }

  /** Why this catalog may not change anything in AWS, or null when it may. */
  public String offReason() {
    if (demoAsOf != null && !readOnly) {
      return "This is the bundled demo catalog: it is not connected to an AWS account. Its launch, copy and create-image"
          + " forms are filled from a " + SampleAccount.LABEL + " and stop at the dry-run step (" + SampleAccount.NOTHING_SENT + ").";
    }
    if (demoAsOf != null) return "This is the bundled demo catalog: it is not connected to an AWS account, so nothing can be launched or copied from it.";
    if (readOnly) return "This catalog runs with --read-only: launching, copying and creating images are turned off.";
    if (aws == null) return "This catalog has no AWS access configured.";
    return null;
  }

  /** Who asks, for the action log: the signed-in user, the AWS identity that acts, and the browser's address. */
  public String who(Context ctx) {
    SignedIn user = SignedIn.of(ctx);
    return (user == null ? "" : user.name() + " as ") + identity() + " from " + ctx.ip();
  }

  /** Who acted, as an image's history names them: the signed-in user, else the AWS identity that acted. */
  public String actor(Context ctx) {
    SignedIn user = SignedIn.of(ctx);
    return user != null ? user.name() : identity();
  }

  private String identity() {
    try {
      return aws == null ? "no AWS identity" : aws.callerArn();
    } catch (SdkException e) {
      return "an unknown AWS identity";
    }
  }

  /** An image's owner as the launch and copy pages show it: trusted or not, relative to the catalog's accounts. */
  public ImageOwner owner(String ownerId, String ownerAlias) {
    List<String> trusted = new java.util.ArrayList<>(trustedOwners);
    trusted.addAll(accountIds());  // an image one of the catalog's accounts owns is its own
    return ImageOwner.of(ownerId, ownerAlias, account(), trusted);
  }

  /** This account's id (the demo's: the sample account's), or null when unknown (STS could not be asked). */
  public String account() {
    if (sample()) return SampleAccount.ID;
    if (aws == null) return null;
    try {
      return aws.accountId();
    } catch (SdkException e) {
      return null;
    }
  }
}
