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
import amicatalog.sync.Ec2ImageSource;
import amicatalog.sync.SyncPlan;
import amicatalog.sync.SyncQueue;
import amicatalog.sync.SyncWorker;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Sync AMIs from EC2 into the catalog once, printing progress and a per-region summary."
        + " Exits 1 if any region failed.")
public final class SyncCommand implements Callable<Integer> {
  @Mixin Options.Store store;
  @Mixin Options.Families families;
  @Mixin Options.Aws aws;

  @Option(names = "--enqueue", description = "Queue the run's listings for sync workers (sync --worker) instead of listing"
      + " them here, print the run's id, and exit")
  boolean enqueue;

  @Option(names = "--worker", description = "Be a sync worker: take queued listings (sync --enqueue, or serve"
      + " --sync-workers) and list them, until stopped. Several workers on one PostgreSQL store share the queue")
  boolean worker;

  @Option(names = "--until-done", description = "With --worker: stop when no queued listing is left")
  boolean untilDone;

  @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "30s",
      description = "With --worker: how long a listing stays this worker's without a renewal (renewed every third of it);"
          + " a worker that stops loses its listings to another after this long (default ${DEFAULT-VALUE})")
  String lease;

  @Override
  public Integer call() {
    if (untilDone && !worker) throw new IllegalArgumentException("--until-done is for a worker: add --worker");
    if (enqueue && worker) throw new IllegalArgumentException("--enqueue and --worker: give one (a run is queued, or listed by workers)");
    Duration leaseTime = Config.parseDuration(lease);
    if (leaseTime.compareTo(Duration.ofSeconds(3)) < 0) throw new IllegalArgumentException("--lease: give 3s or more");
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
      if (worker) return work(db, indexer, accounts, config, leaseTime);
      if (enqueue) {
        long run = SyncQueue.enqueue(db, "cli", plan(config, accounts));
        System.out.println("sync run " + run + " queued for sync workers (sync --worker)");
        return 0;
      }
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

  /** Takes and lists queued listings, until stopped (or, with --until-done, until none is left). */
  private int work(Database db, Indexer indexer, Accounts accounts, Config config, Duration leaseTime) {
    if (accounts.several()) accounts.list();  // the accounts a queued listing may name, with their roles
    java.util.Map<String, Ec2ImageSource> sources = new java.util.concurrent.ConcurrentHashMap<>();
    SyncWorker.Sources of = account -> sources.computeIfAbsent(String.valueOf(account), key ->
        new Ec2ImageSource(account == null ? accounts.home() : accounts.access(account), config.communityOwners()));
    SyncWorker w = new SyncWorker(db, indexer, of, SyncWorker.processName(), leaseTime, new ConsoleProgress(System.out));
    System.out.println("sync worker " + SyncWorker.processName() + ": taking queued listings from " + config.db());
    if (untilDone) {
      System.out.println("listed " + w.drain() + " queued listing(s); none is left");
      return 0;
    }
    try {
      w.run(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Queues a run for sync workers unless one queued earlier is still open (empty then): serve
   * --sync-workers's schedule and "Sync now", which list nothing themselves. Replicas of one store
   * share the check, so a schedule on each does not pile runs up.
   */
  static java.util.Optional<RunResult> tryEnqueue(Config config, Database db, Accounts accounts, String trigger) {
    if (SyncQueue.anyOpen(db)) return java.util.Optional.empty();
    SyncPlan plan;
    try {
      plan = plan(config, accounts);
    } catch (SdkException | IllegalStateException e) {
      return java.util.Optional.of(new Indexer(db).recordFailedStart(trigger, cannotStart(e)));
    }
    return java.util.Optional.of(new RunResult(SyncQueue.enqueue(db, trigger, plan), "queued for sync workers", java.util.List.of()));
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
