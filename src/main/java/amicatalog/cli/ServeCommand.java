package amicatalog.cli;

import amicatalog.Main;
import amicatalog.app.App;
import amicatalog.auth.Users;
import amicatalog.aws.Accounts;
import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.metrics.Metrics;
import amicatalog.search.CatalogSearch;
import amicatalog.sync.ConsoleProgress;
import amicatalog.sync.DemoCatalog;
import amicatalog.sync.Deprecations;
import amicatalog.sync.Indexer;
import amicatalog.sync.ListingResult;
import amicatalog.sync.RunResult;
import amicatalog.sync.SyncListener;
import amicatalog.sync.SyncScheduler;
import io.javalin.Javalin;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Serve the catalog in the browser (the default command), syncing on a schedule."
        + " With no AWS credentials and an empty catalog, it loads the bundled demo catalog.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin Options.Store store;
  @Mixin Options.Families families;
  @Mixin Options.Aws aws;
  @Mixin Options.Web web;

  @Option(names = "--sync-workers", description = "The schedule and \"Sync now\" queue runs for sync workers"
      + " (sync --worker) instead of listing here: for replicas of one PostgreSQL store")
  boolean syncWorkers;

  @Override
  public Integer call() throws InterruptedException {
    Config config = Options.config(store, aws, web);
    Listening.check(config.host(), config.port());  // before loading anything: a taken port is known at once
    // A new catalog file and the demo wanted: the jar's ready demo is copied in place (a second);
    // a jar without one, or an existing empty file, imports the demo instead (ten seconds).
    if (config.db() instanceof amicatalog.db.Store.SqliteFile f && !java.nio.file.Files.exists(f.file()) && wantsDemo(config)
        && DemoCatalog.unpackReady(f.file(), CatalogSearch.indexDir(f.file()))) {
      System.out.println(config.demo() ? "Serving the bundled demo catalog."
          : "No AWS credentials found: serving the bundled demo catalog (real public AMI data).");
    }
    Database db = Database.open(config.db());
    families.apply(db);
    Metrics metrics = new Metrics();
    App.SignIn signIn = signIn(config, new Users(db).count());
    Indexer indexer = new Indexer(db);
    CatalogSearch search = new CatalogSearch(db);
    boolean empty = db.read(h -> h.createQuery("SELECT NOT EXISTS (SELECT 1 FROM images)").mapTo(Boolean.class).one());
    if (empty && wantsDemo(config)) {
      System.out.println(config.demo() ? "Loading the bundled demo catalog…"
          : "No AWS credentials found: loading the bundled demo catalog (real public AMI data)…");
      DemoCatalog.load(db, SyncListener.NONE);
    }
    String demoAsOf = DemoCatalog.asOf(db).orElse(null);
    if (config.demo() && demoAsOf == null) {
      throw new IllegalArgumentException("--demo: " + config.db() + " already holds a synced catalog; use another --db");
    }
    // The search index opens (Lucene, and the facet codes read into memory) on another thread while
    // the web app is put together: a second less before the first page on two cores.
    CompletableFuture<Void> searchReady = CompletableFuture.runAsync(search::refresh);

    Accounts access = demoAsOf == null
        ? aws.accounts(new AwsAccess(config.endpoint(), metrics.awsCalls(), AwsAccess.Patience.DEFAULT)) : null;
    SyncListener refresher = new RefreshingListener(search, metrics);
    // The schedule and "Sync now" run on the app's one indexer, so pages know when a sync runs.
    SyncScheduler scheduler = access == null ? null : new SyncScheduler(db, config.syncInterval(), syncWorkers
        ? trigger -> SyncCommand.tryEnqueue(config, db, access, trigger)
        : trigger -> SyncCommand.trySync(config, indexer, access, trigger, refresher));
    App.Parts parts = new App.Parts(db, indexer, search, access, demoAsOf,
        trigger -> scheduler != null && scheduler.runNow(indexer, trigger), config.origins(), config.readOnly(), config.trustedOwners(), signIn,
        metrics);
    Javalin app = App.create(parts);
    try {
      searchReady.join();  // no page is served from an index not yet open
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    app.start(config.host(), config.port());
    System.out.printf("AMI Catalog: %s/  (%,d images%s)%n", config.origins().base(app.port()), search.liveImages(),
        demoAsOf != null ? ", demo catalog as of " + demoAsOf : "");
    if (scheduler != null && !config.syncInterval().isZero()) scheduler.start();
    ScheduledExecutorService watch = watchForOtherWriters(db, indexer, search);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.stop();
      if (scheduler != null) scheduler.close();
      watch.shutdownNow();
      search.close();  // the Lucene engine's index writer lets go of its lock
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  /**
   * Sign-in is on when the catalog has users, and required to listen beyond this machine: anyone who
   * can reach the port could otherwise launch instances with the operator's AWS credentials.
   */
  static App.SignIn signIn(Config config, int users) {
    if (!config.loopbackOnly() && users == 0) {
      throw new IllegalArgumentException("--host " + config.host() + " serves beyond this machine, which needs sign-in,"
          + " and this catalog has no users. Add an operator first: java -jar ami-catalog.jar user add NAME --role operator"
          + " --db " + config.db() + " (or serve on 127.0.0.1).");
    }
    boolean tls = config.publicUrl() != null && "https".equals(config.publicUrl().getScheme());
    return new App.SignIn(users > 0, config.trustedProxyHeader(), config.trustedProxy(), tls);
  }

  /**
   * Every few seconds, picks up what another process changed (a run a `sync` beside this serve
   * finished on the same file, or a worker or another replica on the same PostgreSQL store): one
   * query, and the search index refreshes when there is something. Every 30 s, records the deprecations whose date has
   * come (the facet and the feeds then say "deprecated").
   */
  private static ScheduledExecutorService watchForOtherWriters(Database db, Indexer indexer, CatalogSearch search) {
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "catalog-watch");
      t.setDaemon(true);
      return t;
    });
    // This process's own runs refresh as they go, and note deprecations at the end.
    watch.scheduleWithFixedDelay(() -> checkQuietly(() -> {
      if (!indexer.isRunning()) search.refreshIfChanged();
    }), OTHER_RUNS_SECONDS, OTHER_RUNS_SECONDS, TimeUnit.SECONDS);
    watch.scheduleWithFixedDelay(() -> checkQuietly(() -> {
      if (!indexer.isRunning() && Deprecations.notePassed(db) > 0) search.refresh();
    }), 30, 30, TimeUnit.SECONDS);
    return watch;
  }

  /** How often a serve looks for runs other processes finished. */
  private static final int OTHER_RUNS_SECONDS = 3;

  private static void checkQuietly(Runnable check) {
    try {
      check.run();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(ServeCommand.class).warn("could not check the catalog for changes: {}", e.getMessage());
    }
  }

  private static boolean wantsDemo(Config config) {
    return config.demo() || !AwsAccess.credentialsAvailable();
  }

  /**
   * Keeps search current while a sync runs: after each listing (at most every 20 s) and at the end.
   * A failed refresh leaves searches on the previous index and the sync going: it is not the sync's fault.
   */
  static final class RefreshingListener implements SyncListener {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(RefreshingListener.class);
    private final CatalogSearch search;
    private final Metrics metrics;
    private final ConsoleProgress console = new ConsoleProgress(System.out);
    private long lastRefresh;

    RefreshingListener(CatalogSearch search, Metrics metrics) {
      this.search = search;
      this.metrics = metrics;
    }

    @Override
    public synchronized void listingFinished(ListingResult result) {
      metrics.listing(result.region(), result.scope().label(), result.ok(), result.took());
      if (System.currentTimeMillis() - lastRefresh > 20_000) {
        lastRefresh = System.currentTimeMillis();
        refresh();
      }
    }

    @Override
    public void runFinished(RunResult result) {
      metrics.run(result.status());
      refresh();
      console.runFinished(result);
    }

    private void refresh() {
      try {
        search.refresh();
      } catch (RuntimeException e) {
        log.warn("search not refreshed after a listing: {}", e.getMessage());
      }
    }
  }
}
