package amicatalog.sync;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.Accounts;
import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Sync workers (issue 18) against moto: a queued run's listings are taken by workers that share the
 * store, each listing once; a listing whose worker stopped is taken over when its lease runs out,
 * and the run ends when every listing is done, with the catalog as EC2 says.
 */
@OnBothStores
class SyncWorkerTest {
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  Database db;
  AwsAccess aws;

  @BeforeEach
  void setUp() {
    moto.reset();
    db = TestStores.open(dir);
    aws = new AwsAccess(moto.endpoint());
  }

  @AfterEach
  void tearDown() {
    aws.close();
    db.close();
  }

  private SyncWorker worker(Database store, String name, Duration lease) {
    Ec2ImageSource home = new Ec2ImageSource(aws, List.of());
    return new SyncWorker(store, new Indexer(store), account -> home, name, lease, SyncListener.NONE);
  }

  @Test
  void twoWorkersShareAQueuedRunAndTheCatalogIsWhatEc2Says() throws Exception {
    Aws.createOwnImage(Aws.ec2(moto.endpoint(), "us-east-1"), "team-base-1");
    Aws.createOwnImage(Aws.ec2(moto.endpoint(), "eu-west-1"), "team-base-eu");
    long run = SyncQueue.enqueue(db, "test", SyncPlan.of(Accounts.single(aws), REGIONS, EnumSet.of(Scope.SELF, Scope.AMAZON),
        List.of()));
    assertThat(status(run)).as("queued, not listed").isEqualTo("running");

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Database other = TestStores.open(dir)) {  // the second worker's own connections, as another process has
      Future<Integer> a = pool.submit(() -> worker(db, "worker-a", Duration.ofSeconds(30)).drain());
      Future<Integer> b = pool.submit(() -> worker(other, "worker-b", Duration.ofSeconds(30)).drain());
      assertThat(a.get() + b.get()).as("each listing once").isEqualTo(REGIONS.size() * 2);
    } finally {
      pool.shutdownNow();
    }

    assertThat(status(run)).as(() -> "listings: " + listings(run)).isEqualTo("ok");
    int attempts = db.read(h -> h.createQuery("SELECT max(attempts) FROM sync_queue WHERE run_id = ?").bind(0, run)
        .mapTo(Integer.class).one());
    assertThat(attempts).isOne();
    for (String region : REGIONS) assertThat(catalogIds(region)).as(region).isEqualTo(ec2Ids(region));
  }

  @Test
  void aListingWhoseWorkerStoppedIsTakenOverWhenItsLeaseRunsOut() throws Exception {
    String image = Aws.createOwnImage(Aws.ec2(moto.endpoint(), "us-east-1"), "team-base-1");
    long run = SyncQueue.enqueue(db, "test", SyncPlan.of(Accounts.single(aws), List.of("us-east-1"), EnumSet.of(Scope.SELF),
        List.of()));
    // A worker takes the listing, starts it, and stops there (killed): its lease is not renewed.
    SyncQueue.Taken taken = SyncQueue.take(db, "killed-worker", Duration.ofMillis(500)).orElseThrow();
    long abandoned = new CatalogWriter(db).startListing(run, taken.account(), taken.region(), taken.scope());
    SyncQueue.started(db, taken, "killed-worker", abandoned);

    SyncWorker live = worker(db, "live-worker", Duration.ofSeconds(30));
    assertThat(live.drain()).as("the lease still holds").isZero();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int takenOver = 0;
    while (takenOver == 0 && System.nanoTime() < deadline) {  // the lease runs out half a second after it was taken
      Thread.sleep(100);
      takenOver = live.drain();
    }
    assertThat(takenOver).as("taken over once the lease ran out").isOne();

    String ended = db.read(h -> h.createQuery("SELECT status || ': ' || error FROM sync_listings WHERE id = ?").bind(0, abandoned)
        .mapTo(String.class).one());
    assertThat(ended).startsWith("failed: the worker listing it stopped");
    assertThat(status(run)).as("the run counts the listing by the worker that finished it").isEqualTo("ok");
    String holder = db.read(h -> h.createQuery("SELECT worker || ' ' || attempts FROM sync_queue WHERE run_id = ?").bind(0, run)
        .mapTo(String.class).one());
    assertThat(holder).isEqualTo("live-worker 2");
    assertThat(catalogIds("us-east-1")).contains(image);
  }

  private String status(long run) {
    return db.read(h -> h.createQuery("SELECT status FROM sync_runs WHERE id = ?").bind(0, run).mapTo(String.class).one());
  }

  private List<String> listings(long run) {
    return db.read(h -> h.createQuery("SELECT region || ' ' || scope || ' ' || status || ' ' || coalesce(error, '') FROM sync_listings WHERE run_id = ?")
        .bind(0, run).mapTo(String.class).list());
  }

  private Set<String> catalogIds(String region) {
    return db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = ? AND removed_at IS NULL").bind(0, region)
        .mapTo(String.class).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
  }

  private Set<String> ec2Ids(String region) {
    Ec2Client ec2 = Aws.ec2(moto.endpoint(), region);
    Set<String> ids = new TreeSet<>();
    ec2.describeImages(b -> b.owners("self").includeDeprecated(true)).images().stream().map(Image::imageId).forEach(ids::add);
    ec2.describeImages(b -> b.owners("amazon").includeDeprecated(true)).images().stream().map(Image::imageId).forEach(ids::add);
    return ids;
  }
}
