package amicatalog.cli;

import amicatalog.Main;
import amicatalog.aws.AwsAccess;
import amicatalog.aws.Ec2Errors;
import amicatalog.db.Database;
import amicatalog.sync.ConsoleProgress;
import amicatalog.sync.DemoCatalog;
import amicatalog.aws.Accounts;
import amicatalog.sync.Indexer;
import amicatalog.sync.RunResult;
import amicatalog.sync.SyncPlan;
import software.amazon.awssdk.core.exception.SdkException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "sync", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Sync AMIs from EC2 into the catalog once, printing progress and a per-region summary."
        + " Exits 1 if any region failed.")
public final class SyncCommand implements Callable<Integer> {
  @Mixin Options.Store store;
  @Mixin Options.Families families;
  @Mixin Options.Aws aws;

  @Override
  public Integer call() {
    Config config = Options.config(store, aws, null);
    if (!AwsAccess.credentialsAvailable()) {  // one line, not the SDK's chain of reasons per region and scope
      System.err.println("No AWS credentials found: set AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or"
          + " log in with aws sso login (for an emulator, any key pair will do).");
      return 1;
    }
    try (Database db = Database.open(config.db()); Accounts accounts = aws.accounts(new AwsAccess(config.endpoint()))) {
      families.apply(db);
      refuseTheDemo(db, config);
      Indexer indexer = new Indexer(db);
      RunResult result;
      try {
        result = indexer.run("cli", plan(config, accounts), new ConsoleProgress(System.out));
      } catch (SdkException | IllegalStateException e) {
        String reason = cannotStart(e);
        indexer.recordFailedStart("cli", reason);
        System.err.println(reason);
        return 1;
      }
      return result.anyFailed() ? 1 : 0;
    }
  }

  /** What the run lists: every account in the configured regions (or each one's enabled regions). */
  private static SyncPlan plan(Config config, Accounts accounts) {
    return SyncPlan.of(accounts, config.regions(), config.scopes(), config.communityOwners());
  }

  /** Why a run could not start (the accounts or the Organization could not be listed), in a line. */
  private static String cannotStart(RuntimeException failure) {
    if (!(failure instanceof SdkException e)) return failure.getMessage();
    if (Ec2Errors.noCredentials(e)) return Ec2Errors.NO_CREDENTIALS;
    String what = "the accounts to list (STS GetCallerIdentity, and the Organization's ListAccounts with --organization-role)";
    String code = Ec2Errors.code(e);
    return code == null ? "AWS could not be reached to find " + what + ": " + Ec2Errors.said(e) + ". Try again in a moment."
        : "AWS refused to tell " + what + ": " + code + ": " + Ec2Errors.said(e);
  }

  /**
   * One sync run with the configured regions (or every enabled one) and scopes, on the app's
   * indexer unless it is running one already (empty then): serve's schedule and "Sync now".
   */
  static java.util.Optional<RunResult> trySync(Config config, Indexer indexer, Accounts accounts, String trigger,
      amicatalog.sync.SyncListener listener) {
    if (indexer.isRunning()) return java.util.Optional.empty();  // before asking AWS for the accounts and regions
    SyncPlan plan;
    try {
      plan = plan(config, accounts);
    } catch (SdkException | IllegalStateException e) {
      // Nothing was listed: the run is recorded as failed with the reason, for /sync to show.
      return java.util.Optional.of(indexer.recordFailedStart(trigger, cannotStart(e)));
    }
    return indexer.tryRun(trigger, plan, listener);
  }

  /** A catalog file is the demo or an account's, never both: syncing into the demo would mix them. */
  static void refuseTheDemo(Database db, Config config) {
    if (DemoCatalog.asOf(db).isPresent()) {
      throw new IllegalArgumentException("--db " + config.db() + " is the bundled demo catalog: sync or import into another --db");
    }
  }
}
