package amicatalog;

import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.indexer.ConsoleProgress;
import amicatalog.indexer.Ec2ImageSource;
import amicatalog.indexer.Indexer;
import amicatalog.indexer.RunResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Sync AMIs from EC2 into the catalog once, printing progress and a per-region summary."
        + " Exits 1 if any region failed.")
final class SyncCommand implements Callable<Integer> {
  @Mixin Options.Store store;
  @Mixin Options.Aws aws;

  @Override
  public Integer call() {
    Config config = Options.config(store, aws, null);
    try (Database db = Database.open(config.db()); AwsAccess access = new AwsAccess(config.endpoint())) {
      RunResult result = sync(config, db, access, "cli", new ConsoleProgress(System.out));
      return result.anyFailed() ? 1 : 0;
    }
  }

  /** One sync run with the configured regions (or every enabled one) and scopes. */
  static RunResult sync(Config config, Database db, AwsAccess access, String trigger,
      amicatalog.indexer.SyncListener listener) {
    List<String> regions = config.regions().isEmpty() ? access.enabledRegions() : config.regions();
    return new Indexer(db).run(trigger, regions, config.scopes(),
        new Ec2ImageSource(access, config.communityOwners()), listener);
  }
}
