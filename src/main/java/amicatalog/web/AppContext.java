package amicatalog.web;

import amicatalog.cli.Config;
import amicatalog.aws.AwsAccess;
import amicatalog.search.CatalogSearch;
import amicatalog.db.Database;
import amicatalog.sync.Indexer;
import java.util.function.BooleanSupplier;

/**
 * What the handlers share: the store, the indexer, the configuration, and how to start a sync
 * in the background ({@code syncNow} answers false when one is running or syncing is off), and
 * the AWS account to act on (null for the demo catalog).
 */
public record AppContext(Database db, Indexer indexer, CatalogSearch search, Config config, String demoAsOf,
    BooleanSupplier syncNow, AwsAccess aws) {

  /** Who asks, for the log of launches and copies: the AWS identity that acts, and the browser's address. */
  public String who(io.javalin.http.Context ctx) {
    String identity;
    try {
      identity = aws.callerArn();
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      identity = "an unknown AWS identity";
    }
    return identity + " from " + ctx.ip();
  }

  /** An image's owner as the launch and copy pages show it: trusted or not, relative to this account. */
  public amicatalog.image.ImageOwner owner(String ownerId, String ownerAlias) {
    String account = null;
    if (aws != null) {
      try {
        account = aws.accountId();
      } catch (software.amazon.awssdk.core.exception.SdkException e) {
        account = null;  // unknown: the owner is then trusted only by alias or --trusted-owners
      }
    }
    return amicatalog.image.ImageOwner.of(ownerId, ownerAlias, account, config.trustedOwners());
  }

  /** Why this catalog may not change anything in AWS (launch, copy, create), or null when it may. */
  public String changesOffReason() {
    if (demoAsOf != null) return "This is the bundled demo catalog: it is not connected to an AWS account, so nothing can be launched or copied from it.";
    if (config.readOnly()) return "This catalog runs with --read-only: launching, copying and creating images are turned off.";
    if (aws == null) return "This catalog has no AWS access configured.";
    return null;
  }
}
