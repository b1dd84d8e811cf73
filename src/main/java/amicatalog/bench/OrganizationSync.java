package amicatalog.bench;

import amicatalog.aws.Accounts;
import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.db.Store;
import amicatalog.image.Scope;
import amicatalog.sync.Ec2ImageSource;
import amicatalog.sync.Indexer;
import amicatalog.sync.SyncListener;
import amicatalog.sync.SyncPlan;
import amicatalog.sync.SyncQueue;
import amicatalog.sync.SyncWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A made-up Organization of many accounts ({@link OrganizationEc2}: EC2 answering in a fixed time,
 * throttling each account as EC2 does) synced by 1, 2, 4… sync workers sharing one store (issue
 * 18): a run is queued as `serve --sync-workers` queues one (each account reached through its
 * role), then the workers list its (account, region) listings, as `sync --worker` processes would.
 * Each worker is a thread with its own store connections and its own AWS credentials, as a process
 * has. Each round syncs accounts of its own (new to the catalog), so every round does the same work.
 */
final class OrganizationSync {
  static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
  /** What an account owns in each region: most teams a few images, one account in 40 (a platform team's) hundreds. */
  static final int SMALL_ACCOUNT_IMAGES = 3;
  static final int LARGE_ACCOUNT_IMAGES = 300;
  static final int LARGE_ACCOUNT_EVERY = 40;
  /** How long EC2 takes to answer one call, the network included (a DescribeImages of a few images takes about this). */
  static final Duration LATENCY = Duration.ofMillis(30);

  private final Store store;
  private final int accounts;
  private final List<Integer> workerCounts;

  OrganizationSync(Store store, int accounts, List<Integer> workerCounts) {
    this.store = store;
    this.accounts = accounts;
    this.workerCounts = List.copyOf(workerCounts);
  }

  /** Account {@code i} of round {@code round}: 12 digits, the round's own. */
  static String account(int round, int i) {
    return String.format("%d%011d", round, i);
  }

  static int imagesPerRegion(String account) {
    return (Long.parseLong(account.substring(1)) + 1) % LARGE_ACCOUNT_EVERY == 0 ? LARGE_ACCOUNT_IMAGES : SMALL_ACCOUNT_IMAGES;
  }

  BenchCommand.Section run() throws IOException {
    if (System.getProperty("aws.accessKeyId") == null) System.setProperty("aws.accessKeyId", "bench");
    if (System.getProperty("aws.secretAccessKey") == null) System.setProperty("aws.secretAccessKey", "bench");
    long images = 0;
    for (int i = 0; i < accounts; i++) images += (long) imagesPerRegion(account(1, i)) * REGIONS.size();
    List<BenchCommand.Metric> m = new ArrayList<>(List.of(
        new BenchCommand.Metric("accounts", "accounts (one in " + LARGE_ACCOUNT_EVERY + " owns " + LARGE_ACCOUNT_IMAGES
            + " images a region, the rest " + SMALL_ACCOUNT_IMAGES + ")", (long) accounts, ""),
        new BenchCommand.Metric("regions", "regions", (long) REGIONS.size(), ""),
        new BenchCommand.Metric("listings", "listings a run (account, region: own images and who may launch them)",
            (long) accounts * REGIONS.size(), ""),
        new BenchCommand.Metric("images", "images a run", images, ""),
        new BenchCommand.Metric("latency_ms", "EC2's answer time (each call)", LATENCY.toMillis(), "ms"),
        new BenchCommand.Metric("throttle", "EC2's throttling, each account and region",
            "a burst of " + OrganizationEc2.BURST + ", then " + OrganizationEc2.REFILL_PER_SECOND + " calls/s", "")));
    try (OrganizationEc2 ec2 = new OrganizationEc2(LATENCY, OrganizationSync::imagesPerRegion)) {
      round(ec2, 9, Math.min(accounts, 20), 1);  // warms up the JIT, and makes the catalog not empty: no round is a cold load
      double one = 0;
      for (int r = 0; r < workerCounts.size(); r++) {
        int workers = workerCounts.get(r);
        Round result = round(ec2, r + 1, accounts, workers);
        if (r == 0) one = result.listingSeconds();
        String k = "workers_" + workers;
        String who = workers + " worker" + (workers == 1 ? "" : "s");
        m.add(new BenchCommand.Metric(k + "_queue_seconds", who + ": queueing the run (every account reached through its role)",
            BenchCommand.round(result.queueSeconds()), "s"));
        m.add(new BenchCommand.Metric(k + "_seconds", "  listing every account, until the run ended",
            BenchCommand.round(result.listingSeconds()), "s"));
        m.add(new BenchCommand.Metric(k + "_images_per_second", "  rate", Math.round(images / result.listingSeconds()), "images/s"));
        m.add(new BenchCommand.Metric(k + "_calls", "  AWS calls (throttled ones too)", result.calls(), ""));
        m.add(new BenchCommand.Metric(k + "_throttled", "  answered RequestLimitExceeded", result.throttled(), ""));
        if (r > 0) {
          m.add(new BenchCommand.Metric(k + "_speedup", "  faster than " + workerCounts.get(0) + " worker"
              + (workerCounts.get(0) == 1 ? "" : "s") + " by", BenchCommand.round(one / result.listingSeconds()), "x"));
        }
      }
    }
    return new BenchCommand.Section("organization", "An Organization's accounts synced by sync workers sharing the store", m);
  }

  record Round(double queueSeconds, double listingSeconds, long calls, long throttled) {}

  /** Queues a run of the round's accounts and lets {@code workers} workers list it; checks it ended ok with every image. */
  private Round round(OrganizationEc2 ec2, int round, int accountCount, int workers) throws IOException {
    Path file = Files.createTempFile("ami-catalog-bench-accounts-", ".yaml");
    try {
      StringBuilder yaml = new StringBuilder("accounts:\n");
      long expected = 0;
      for (int i = 0; i < accountCount; i++) {
        String id = account(round, i);
        yaml.append("  - id: \"").append(id).append("\"\n    role: arn:aws:iam::").append(id).append(":role/ami-catalog-reader\n");
        expected += (long) imagesPerRegion(id) * REGIONS.size();
      }
      Files.writeString(file, yaml);
      long callsBefore = ec2.calls(), throttledBefore = ec2.throttled();
      try (Database db = Database.open(store); Accounts org = Accounts.of(new AwsAccess(ec2.endpoint()), file, null)) {
        long start = System.nanoTime();
        long run = SyncQueue.enqueue(db, "bench", SyncPlan.of(org, REGIONS, EnumSet.of(Scope.SELF), List.of()));
        double queued = (System.nanoTime() - start) / 1e9;
        long listingStart = System.nanoTime();
        drain(ec2, file, workers);
        double listing = (System.nanoTime() - listingStart) / 1e9;
        check(db, run, round, expected);
        return new Round(queued, listing, ec2.calls() - callsBefore, ec2.throttled() - throttledBefore);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** {@code workers} workers, each with its own store connections and credentials, take listings until none is left. */
  private void drain(OrganizationEc2 ec2, Path accountsFile, int workers) {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String name = "bench-worker-" + (w + 1);
        done.add(pool.submit(() -> {
          try (Database db = Database.open(store); Accounts org = Accounts.of(new AwsAccess(ec2.endpoint()), accountsFile, null)) {
            org.list();
            Map<String, Ec2ImageSource> sources = new ConcurrentHashMap<>();
            SyncWorker.Sources of = account -> sources.computeIfAbsent(account, a -> new Ec2ImageSource(org.access(a), List.of()));
            return new SyncWorker(db, new Indexer(db), of, name, Duration.ofSeconds(30), SyncListener.NONE).drain();
          }
        }));
      }
      for (Future<Integer> f : done) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the workers listed", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a sync worker failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void check(Database db, long run, int round, long expected) {
    String status = db.read(h -> h.createQuery("SELECT status FROM sync_runs WHERE id = ?").bind(0, run).mapTo(String.class).one());
    if (!"ok".equals(status)) {
      String why = db.read(h -> h.createQuery("SELECT error FROM sync_listings WHERE run_id = ? AND status <> 'ok' LIMIT 1")
          .bind(0, run).mapTo(String.class).findOne().orElse("?"));
      throw new IllegalStateException("the organisation's run ended " + status + ": " + why);
    }
    long stored = db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE owner_id LIKE ? AND removed_at IS NULL")
        .bind(0, round + "%").mapTo(Long.class).one());
    if (stored != expected) throw new IllegalStateException("the organisation's run stored " + stored + " images of " + expected);
  }
}
