package amicatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.Accounts;
import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.db.Store;
import amicatalog.image.Scope;
import amicatalog.sync.SyncPlan;
import amicatalog.sync.SyncQueue;
import amicatalog.testing.Aws;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * A company's set-up on one machine (issue 18): two `serve` replicas and two `sync --worker`
 * processes on one PostgreSQL store, EC2 from moto. A run is queued; one worker is killed with
 * SIGKILL while it holds a listing, the other takes the listing over once its lease runs out; the
 * run ends ok with the catalog as EC2 says, both replicas show the new image within seconds, and a
 * launch confirmed on both replicas at once starts one instance.
 */
class ReplicasAndWorkersTest {
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process p : processes) p.destroy();
    for (Process p : processes) p.waitFor();
  }

  @Test
  void replicasAndWorkersShareOneStoreAndSurviveAKilledWorker() throws Exception {
    MotoServer moto = MotoServer.get();
    moto.reset();
    Store.Postgres store = PostgresServer.get().newDatabase();
    Ec2Client east = Aws.ec2(moto.endpoint(), "us-east-1");
    String own = Aws.createOwnImage(east, "team-base-42");
    Aws.createOwnImage(Aws.ec2(moto.endpoint(), "eu-west-1"), "team-base-eu");

    URI one = serve(store, moto, "replica-1");
    URI two = serve(store, moto, "replica-2");
    long run;
    try (Database db = Database.open(store); AwsAccess aws = new AwsAccess(moto.endpoint())) {
      run = SyncQueue.enqueue(db, "test", SyncPlan.of(Accounts.single(aws), REGIONS, EnumSet.of(Scope.SELF, Scope.AMAZON),
          List.of()));
      List<Process> workers = new ArrayList<>();
      Process doomed = start(dir.resolve("worker-1.log"), "sync", "--worker", "--db", store.toString(), "--endpoint",
          moto.endpoint().toString(), "--lease", "3s");
      workers.add(doomed);
      workers.add(start(dir.resolve("worker-2.log"), "sync", "--worker", "--db", store.toString(), "--endpoint",
          moto.endpoint().toString(), "--lease", "3s"));
      String doomedName = "%:" + doomed.pid();
      // An Amazon listing (over a thousand images, a second or two): the worker is surely still in it.
      waitFor(Duration.ofSeconds(60), "worker 1 to hold an Amazon listing", () -> db.read(h -> h.createQuery(
          "SELECT EXISTS (SELECT 1 FROM sync_queue WHERE run_id = ? AND worker LIKE ? AND scope = 'amazon' AND done_at IS NULL)")
          .bind(0, run).bind(1, doomedName).mapTo(Boolean.class).one()));
      doomed.destroyForcibly().waitFor();  // SIGKILL, mid-listing
      List<Long> held = db.read(h -> h.createQuery("SELECT id FROM sync_queue WHERE worker LIKE ? AND done_at IS NULL")
          .bind(0, doomedName).mapTo(Long.class).list());
      assertThat(held).as("what the killed worker held").isNotEmpty();

      waitFor(Duration.ofSeconds(90), "the run to end", () -> db.read(h -> h.createQuery(
          "SELECT finished_at IS NOT NULL FROM sync_runs WHERE id = ?").bind(0, run).mapTo(Boolean.class).one()));
      String status = db.read(h -> h.createQuery("SELECT status FROM sync_runs WHERE id = ?").bind(0, run).mapTo(String.class).one());
      assertThat(status).as(log("worker-2.log")).isEqualTo("ok");
      for (long id : held) {
        String by = db.read(h -> h.createQuery("SELECT worker FROM sync_queue WHERE id = ? AND done_at IS NOT NULL AND attempts > 1")
            .bind(0, id).mapTo(String.class).findOne().orElse("nobody"));
        assertThat(by).as("the killed worker's listing, listed again by the other").endsWith(":" + workers.get(1).pid());
      }
      for (String region : REGIONS) {
        Set<String> stored = db.read(h -> new TreeSet<>(h.createQuery(
            "SELECT image_id FROM images WHERE region = ? AND removed_at IS NULL").bind(0, region).mapTo(String.class).list()));
        assertThat(stored).as(region).isEqualTo(ec2Ids(moto, region));
      }
    }

    // Each replica finds the run finished by another process and refreshes its own search index.
    for (URI replica : List.of(one, two)) {
      FormSession visitor = new FormSession(replica);
      waitFor(Duration.ofSeconds(20), replica + " to find the new image", () ->
          visitor.get("/?q=team-base-42").body().contains(own));
      assertThat(visitor.get("/images/us-east-1/" + own).statusCode()).isEqualTo(200);
    }

    // One browser, its confirmation sent to both replicas at once: one instance.
    FormSession browser = new FormSession(one);
    String image = east.describeImages(b -> b.owners("amazon").filters(f -> f.name("architecture").values("x86_64"))).images()
        .stream().filter(i -> "ebs".equals(i.rootDeviceTypeAsString()) && i.platform() == null).map(Image::imageId).sorted()
        .findFirst().orElseThrow();
    Document form = browser.page("/images/us-east-1/" + image + "/launch");
    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form#launch-form"));
    fields.put("name", List.of("replicated"));
    fields.put("subnetId", List.of(east.describeSubnets().subnets().get(0).subnetId()));
    Document confirm = FormSession.parse(browser.submit((FormElement) form.selectFirst("form#launch-form"), fields));
    FormElement confirmForm = (FormElement) confirm.selectFirst("form#confirm-form");
    assertThat(confirmForm).as(confirm.text()).isNotNull();
    List<CompletableFuture<HttpResponse<String>>> clicks = List.of(
        CompletableFuture.supplyAsync(() -> browser.submit(confirmForm)),
        CompletableFuture.supplyAsync(() -> browser.at(two).submit(confirmForm)));
    List<String> answers = clicks.stream().map(CompletableFuture::join)
        .map(r -> r.statusCode() + " " + r.headers().firstValue("Location").orElse(r.body())).distinct().toList();
    assertThat(answers).as("both replicas point at the one launch").hasSize(1).allMatch(a -> a.startsWith("303 /launches/"));
    // (Making the own images above started instances of their own: only this launch's are counted.)
    List<String> launched = east.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
        .filter(i -> i.tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().equals("replicated")))
        .map(i -> i.instanceId()).toList();
    assertThat(launched).hasSize(1);
  }

  private URI serve(Store.Postgres store, MotoServer moto, String name) throws IOException, InterruptedException {
    int port = MotoServer.freePort();
    start(dir.resolve(name + ".log"), "serve", "--db", store.toString(), "--port", String.valueOf(port), "--sync-interval", "0",
        "--sync-workers", "--endpoint", moto.endpoint().toString());
    URI base = URI.create("http://127.0.0.1:" + port);
    waitFor(Duration.ofSeconds(60), name + " to answer", () -> {
      try {
        return new FormSession(base).get("/health").statusCode() == 200;
      } catch (RuntimeException notYet) {
        return false;
      }
    });
    return base;
  }

  private Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "amicatalog.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().put("AWS_REGION", "us-east-1");
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void waitFor(Duration most, String what, BooleanSupplier done) throws InterruptedException {
    long until = System.nanoTime() + most.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > until) throw new AssertionError("waited " + most.toSeconds() + " s for " + what);
      Thread.sleep(20);
    }
  }

  private static Set<String> ec2Ids(MotoServer moto, String region) {
    Ec2Client ec2 = Aws.ec2(moto.endpoint(), region);
    Set<String> ids = new TreeSet<>();
    ec2.describeImages(b -> b.owners("self").includeDeprecated(true)).images().stream().map(Image::imageId).forEach(ids::add);
    ec2.describeImages(b -> b.owners("amazon").includeDeprecated(true)).images().stream().map(Image::imageId).forEach(ids::add);
    return ids;
  }
}
