package amicatalog.cli;

import amicatalog.Main;
import amicatalog.aws.AwsAccess;
import amicatalog.aws.Ec2Errors;
import amicatalog.db.Database;
import amicatalog.sync.ConsoleProgress;
import amicatalog.sync.DemoCatalog;
import amicatalog.sync.Ec2ImageSource;
import amicatalog.sync.Indexer;
import amicatalog.sync.RunResult;
import java.util.List;
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
    try (Database db = Database.open(config.db()); AwsAccess access = new AwsAccess(config.endpoint())) {
      families.apply(db);
      refuseTheDemo(db, config);
      RunResult result = new Indexer(db).run("cli", regions(config, access), config.scopes(),
          new Ec2ImageSource(access, config.communityOwners()), new ConsoleProgress(System.out));
      return result.anyFailed() ? 1 : 0;
    }
  }

  /**
   * One sync run with the configured regions (or every enabled one) and scopes, on the app's
   * indexer unless it is running one already (empty then): serve's schedule and "Sync now".
   */
  static java.util.Optional<RunResult> trySync(Config config, Indexer indexer, AwsAccess access, String trigger,
      amicatalog.sync.SyncListener listener) {
    if (indexer.isRunning()) return java.util.Optional.empty();  // before asking AWS for the regions
    List<String> regions;
    try {
      regions = regions(config, access);
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      // Nothing was listed: the run is recorded as failed with the reason, for /sync to show.
      return java.util.Optional.of(indexer.recordFailedStart(trigger, Ec2Errors.describe(e, "the account's home region",
          "list the enabled regions (DescribeRegions)")));
    }
    return indexer.tryRun(trigger, regions, config.scopes(), new Ec2ImageSource(access, config.communityOwners()), listener);
  }

  /** A catalog file is the demo or an account's, never both: syncing into the demo would mix them. */
  static void refuseTheDemo(Database db, Config config) {
    if (DemoCatalog.asOf(db).isPresent()) {
      throw new IllegalArgumentException("--db " + config.db() + " is the bundled demo catalog: sync or import into another --db");
    }
  }

  private static List<String> regions(Config config, AwsAccess access) {
    return config.regions().isEmpty() ? access.enabledRegions() : config.regions();
  }
}
