package amicatalog.sync;

import amicatalog.aws.FailedCallLog;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.MDC;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Syncs images into the catalog: regions in parallel on a small pool, the scopes of a region one
 * after another, each listing written page by page. One run at a time.
 */
public final class Indexer {
  private static final int MAX_PARALLEL_REGIONS = 4;

  private final Database db;
  private final CatalogWriter writer;
  private final InstanceWriter instanceWriter;
  private final LaunchPermissions launchPermissions;
  private final ReentrantLock oneRunAtATime = new ReentrantLock();

  public Indexer(Database db) {
    this.db = db;
    this.writer = new CatalogWriter(db);
    this.instanceWriter = new InstanceWriter(db);
    this.launchPermissions = new LaunchPermissions(db);
    BulkLoad.recover(db);
    writer.endRunsOfDeadProcesses();
    FamilyKeys.fillAll(db);  // a catalog from before family keys, or a run that stopped before keying
  }

  public boolean isRunning() {
    return oneRunAtATime.isLocked();
  }

  /** Runs a sync unless one is already running (then answers empty at once). */
  public Optional<RunResult> tryRun(String trigger, SyncPlan plan, SyncListener listener) {
    if (!oneRunAtATime.tryLock()) return Optional.empty();
    try {
      return Optional.of(runLocked(trigger, plan, listener));
    } finally {
      oneRunAtATime.unlock();
    }
  }

  /**
   * Records a run that could not start (no credentials, DescribeRegions refused) as failed, with
   * the reason, so that /sync shows what "Sync now" or the schedule ran into.
   */
  public RunResult recordFailedStart(String trigger, String reason) {
    long runId = writer.startRun(trigger);
    writer.finishRun(runId, "failed", reason, 0);
    return new RunResult(runId, "failed", List.of());
  }

  /** Runs a sync of a source of no account (an import, the demo, the bench), waiting for a running one to end first. */
  public RunResult run(String trigger, List<String> regions, Set<Scope> scopes,
      ImageSource source, SyncListener listener) {
    return run(trigger, SyncPlan.of(regions, scopes, source), listener);
  }

  /** Runs a sync, waiting for a running one to end first. */
  public RunResult run(String trigger, SyncPlan plan, SyncListener listener) {
    oneRunAtATime.lock();
    try {
      return runLocked(trigger, plan, listener);
    } finally {
      oneRunAtATime.unlock();
    }
  }

  private RunResult runLocked(String trigger, SyncPlan plan, SyncListener listener) {
    long runId = writer.startRun(trigger);
    listener.runStarted(runId, plan.regions(), plan.scopes());
    if (!plan.accounts().isEmpty() && writer.knowsNoAccounts()) {
      // The first sync that records accounts: what the catalog held was the credentials' own account's.
      String home = plan.accounts().stream().filter(a -> a.roleArn() == null).findFirst().orElse(plan.accounts().get(0)).id();
      writer.adoptUnattributed(home);
    }
    // A cold load writes no history, and is much faster with the secondary indexes built afterwards
    // (SQLite's; PostgreSQL's are kept as it goes).
    boolean coldLoad = writer.catalogIsEmpty();
    BulkLoad bulk = coldLoad && db.dialect() == amicatalog.db.Dialect.SQLITE ? BulkLoad.begin(db) : null;
    List<ListingResult> results = new ArrayList<>();
    String runError = null;
    // Launch permissions are read by owner: during a cold load, with the indexes dropped, each read
    // of who owns what would scan the whole table, so they wait for the load to end.
    Queue<Runnable> afterLoad = new ConcurrentLinkedQueue<>();
    Consumer<Runnable> permissionReads = bulk != null ? afterLoad::add : Runnable::run;
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_PARALLEL_REGIONS, plan.parts().size())));
    try {
      List<Future<List<ListingResult>>> perRegion = new ArrayList<>();
      for (SyncPlan.Part part : plan.parts()) {
        perRegion.add(pool.submit(() -> {
          // Who started the run and which run it is, for the log line of an AWS call that fails.
          MDC.put(FailedCallLog.USER, trigger);
          MDC.put(FailedCallLog.REQUEST, "sync-" + runId);
          try {
            return syncPart(runId, part, listener, coldLoad, permissionReads);
          } finally {
            MDC.clear();
          }
        }));
      }
      for (Future<List<ListingResult>> f : perRegion) results.addAll(f.get());
    } catch (Exception e) {
      runError = describe(e);
    } finally {
      pool.shutdownNow();
    }
    try {
      if (bulk != null) bulk.finish();
    } catch (RuntimeException e) {  // the run still ends, failed with the reason, instead of staying 'running'
      if (runError == null) runError = describe(e);
    }
    try {
      afterLoad.forEach(Runnable::run);
    } catch (RuntimeException e) {
      if (runError == null) runError = describe(e);
    }
    long failed = results.stream().filter(r -> !r.ok()).count();
    String status = runError != null || (failed > 0 && failed == results.size()) ? "failed"
        : failed > 0 ? "partial" : "ok";
    FamilyKeys.fillAll(db);  // the audit groups the new images by family as soon as the run is over
    Deprecations.notePassed(db);  // deprecations whose date came while nothing was syncing
    if (plan.scopes().contains(Scope.INSTANCES)) DriftingFamilies.note(db);  // the feed of newly drifting families
    if (!plan.accounts().isEmpty()) writer.noteAccounts(plan.accounts(), plan.organizationId());
    writer.finishRun(runId, status, runError, plan.awsCalls().getAsLong());
    RunResult result = new RunResult(runId, status, List.copyOf(results));
    listener.runFinished(result);
    return result;
  }

  private List<ListingResult> syncPart(long runId, SyncPlan.Part part, SyncListener listener, boolean coldLoad,
      Consumer<Runnable> permissionReads) {
    List<ListingResult> results = new ArrayList<>();
    for (Scope scope : part.scopes()) {
      results.add(syncScope(runId, part.account(), part.region(), scope, part.source(), part.failure(), listener, coldLoad,
          permissionReads, Lease.NONE));
    }
    return results;
  }

  /**
   * What a listing of a queued run reports to the worker that holds it: the listing's id when it
   * starts (for a worker that may take it over), and, before each page, whether it still holds it.
   */
  interface Lease {
    Lease NONE = new Lease() {};

    default void started(long listingId) {}

    default boolean lost() { return false; }
  }

  /** One listing of a queued run, taken by a sync worker: as a run in one process lists it, then done. */
  ListingResult listQueued(SyncQueue.Taken taken, ImageSource source, String failure, SyncListener listener, Lease lease) {
    return syncScope(taken.runId(), taken.account(), taken.region(), taken.scope(), source, failure, listener, taken.coldLoad(),
        Runnable::run, lease);
  }

  private ListingResult syncScope(long runId, String account, String region, Scope scope, ImageSource source, String failure,
      SyncListener listener, boolean coldLoad, Consumer<Runnable> permissionReads, Lease lease) {
    if (failure != null) return failedListing(runId, account, region, scope, failure, listener, lease);
    if (scope.listsImages()) return syncListing(runId, account, region, scope, source, listener, coldLoad, permissionReads, lease);
    return syncInstances(runId, account, region, source, listener, lease);
  }

  /** A listing of an account that could not be reached: recorded as failed with the reason, removing nothing. */
  private ListingResult failedListing(long runId, String account, String region, Scope scope, String failure,
      SyncListener listener, Lease lease) {
    long listingId = writer.startListing(runId, account, region, scope);
    lease.started(listingId);
    listener.listingStarted(region, scope);
    writer.finishListing(listingId, account, region, scope, false, failure);
    ListingResult result = new ListingResult(account, region, scope, false, false, 0, 0, 0, 0, 0, 0, failure, Duration.ZERO);
    listener.listingFinished(result);
    return result;
  }

  /** The instances scope: the region's instances replace its stored ones when the listing completes. */
  private ListingResult syncInstances(long runId, String account, String region, ImageSource source, SyncListener listener,
      Lease lease) {
    long started = System.nanoTime();
    long listingId = writer.startListing(runId, account, region, Scope.INSTANCES);
    lease.started(listingId);
    listener.listingStarted(region, Scope.INSTANCES);
    List<InstanceSource.ListedInstance> listed = List.of();
    int gone = 0;
    String error = null;
    try {
      if (!(source instanceof InstanceSource instances)) {
        throw new IllegalArgumentException("this source has no instances: only a sync from EC2 lists them");
      }
      listed = instances.instances(region);
      if (lease.lost()) throw new IllegalStateException(LEASE_LOST);
      listener.pageWritten(region, Scope.INSTANCES, 1, listed.size());
      gone = instanceWriter.replace(account, region, listed);
    } catch (Exception e) {
      error = describe(e);
    }
    writer.finishInstanceListing(listingId, listed.size(), gone, error);
    ListingResult result = new ListingResult(account, region, Scope.INSTANCES, error == null, error == null, error == null ? 1 : 0,
        listed.size(), 0, 0, gone, 0, error, Duration.ofNanos(System.nanoTime() - started));
    listener.listingFinished(result);
    return result;
  }

  /** Why a worker stops a listing: another has taken it over, and lists it again. */
  static final String LEASE_LOST = "this worker lost its lease on the listing (it was too slow to renew it), and another"
      + " worker lists it again";

  private ListingResult syncListing(long runId, String account, String region, Scope scope, ImageSource source,
      SyncListener listener, boolean coldLoad, Consumer<Runnable> permissionReads, Lease lease) {
    long started = System.nanoTime();
    long listingId = writer.startListing(runId, account, region, scope);
    lease.started(listingId);
    listener.listingStarted(region, scope);
    int[] totals = new int[5];  // pages, seen, added, changed, duplicates
    String error = null;
    try {
      source.list(region, scope, page -> {
        if (lease.lost()) throw new IllegalStateException(LEASE_LOST);
        CatalogWriter.PageCounts counts = writer.writePage(listingId, account, region, scope, page, coldLoad);
        totals[0]++;
        totals[1] += counts.seen();
        totals[2] += counts.added();
        totals[3] += counts.changed();
        totals[4] += counts.duplicates();
        listener.pageWritten(region, scope, totals[0], totals[1]);
      });
    } catch (Exception e) {
      error = describe(e);
    }
    boolean complete = error == null && source.listingsAreComplete();
    int removed = writer.finishListing(listingId, account, region, scope, complete, error);
    ListingResult result = new ListingResult(account, region, scope, error == null, complete, totals[0], totals[1],
        totals[2], totals[3], removed, totals[4], error, Duration.ofNanos(System.nanoTime() - started));
    listener.listingFinished(result);
    // Who may launch the account's own images, once they are listed (now, or when a cold load ends).
    if (scope == Scope.SELF && error == null && account != null && source instanceof PermissionSource permissions) {
      permissionReads.accept(() -> listener.permissionsRead(account, region, launchPermissions.read(listingId, account, region, permissions)));
    }
    return result;
  }

  /** A one-line reason a person can act on, without a stack trace. */
  static String describe(Throwable e) {
    Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode() + " (HTTP " + aws.statusCode() + "): "
          + java.util.Objects.requireNonNullElse(aws.awsErrorDetails().errorMessage(), "no message");
    }
    if (t instanceof AwsServiceException aws) {  // no error code: an endpoint that is not EC2's, or no such region
      return "EC2 answered HTTP " + aws.statusCode() + " without saying why (is the region enabled, and the endpoint EC2's?)";
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && (m.contains("SQLITE_FULL") || m.contains("database or disk is full"))) {
        return "The disk holding the catalog file is full: nothing of this page was stored and nothing was removed."
            + " Free some space (or move the catalog with --db); the next sync completes the listing.";
      }
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
