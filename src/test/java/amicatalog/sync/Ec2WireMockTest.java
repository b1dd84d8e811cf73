package amicatalog.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess.Patience;
import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import amicatalog.testing.Ec2Proxy;
import amicatalog.testing.KeepsAnswering;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The indexer with the real AWS SDK against WireMock answering EC2's Query-protocol XML: what moto
 * cannot do (pagination at real page sizes, throttling, failing regions, broken pages, sharing
 * between accounts). Every region goes to the same endpoint; stubs tell regions apart by the SigV4
 * credential scope in the Authorization header, and pages by the NextToken in the form body.
 */
@OnBothStores
class Ec2WireMockTest {
  private static final String ME = "123456789012";
  private static final String AMAZON = "137112412989";
  private static final String OTHER_ACCOUNT = "210987654321";

  static WireMockServer wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  @TempDir Path dir;
  Database db;
  AwsAccess aws;

  @BeforeAll
  static void startWireMock() {
    wiremock.start();
  }

  @AfterAll
  static void stopWireMock() {
    wiremock.stop();
  }

  @BeforeEach
  void setUp() {
    wiremock.resetAll();
    db = TestStores.open(dir);
    aws = new AwsAccess(URI.create(wiremock.baseUrl()), null, QUICK);
  }

  /** Most tests: a throttled page fails once the SDK's own retries are spent. */
  private static final Patience QUICK = new Patience(Duration.ofSeconds(5), Duration.ZERO);

  @AfterEach
  void tearDown() {
    aws.close();
    db.close();
  }

  @Test
  void followsNextTokenThroughThreePagesAndStoresEveryImage() {
    List<String> ids = ids("a", 2500);
    stubPages("us-east-1", ids.subList(0, 1000), ids.subList(1000, 2000), ids.subList(2000, 2500));

    RunResult run = sync(List.of("us-east-1"), Scope.AMAZON);

    assertThat(run.status()).isEqualTo("ok");
    ListingResult listing = listing(run, "us-east-1");
    assertThat(listing.ok()).isTrue();
    assertThat(listing.complete()).isTrue();
    assertThat(listing.pages()).isEqualTo(3);
    assertThat(listing.seen()).isEqualTo(2500);
    assertThat(listing.added()).isEqualTo(2500);
    assertThat(storedIds("us-east-1")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(categoryCount("us-east-1", "public")).isEqualTo(2500);

    List<String> bodies = describeImagesBodies();
    assertThat(bodies).hasSize(3);
    assertThat(bodies).allSatisfy(body -> assertThat(body)
        .contains("MaxResults=1000", "IncludeDeprecated=true", "Owner.1=amazon"));
    assertThat(bodies.get(0)).doesNotContain("NextToken");
    assertThat(bodies.get(1)).contains("NextToken=t2");
    assertThat(bodies.get(2)).contains("NextToken=t3");
  }

  @Test
  void aThrottledRequestIsRetriedAndTheSyncEndsOk() {
    List<String> ids = ids("t", 50);
    wiremock.stubFor(describeImages("us-east-1", null)
        .inScenario("throttling").whenScenarioStateIs(STARTED).willSetStateTo("throttled once")
        .willReturn(Ec2Proxy.ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
    wiremock.stubFor(describeImages("us-east-1", null)
        .inScenario("throttling").whenScenarioStateIs("throttled once")
        .willReturn(xml(imagesXml(ids, null))));

    RunResult run = sync(List.of("us-east-1"), Scope.AMAZON);

    assertThat(run.status()).isEqualTo("ok");
    assertThat(listing(run, "us-east-1").complete()).isTrue();
    assertThat(storedIds("us-east-1")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(describeImagesBodies()).hasSize(2);
  }

  @Test
  void aRegionAnsweringInternalErrorFailsAloneAndKeepsItsImages() {
    List<String> regions = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    List<String> east = ids("e", 5), west = ids("w", 5), sydney = ids("s", 5);
    stubPages("us-east-1", east);
    stubPages("eu-west-1", west);
    stubPages("ap-southeast-2", sydney);
    assertThat(sync(regions, Scope.AMAZON).status()).isEqualTo("ok");

    wiremock.resetAll();
    stubPages("us-east-1", east.subList(0, 4));  // one image gone: a complete listing still tombstones
    stubEc2Error("eu-west-1", 500, "InternalError", "An internal error has occurred");
    stubPages("ap-southeast-2", sydney);

    RunResult run = sync(regions, Scope.AMAZON);

    assertThat(run.status()).isEqualTo("partial");
    assertThat(run.failedRegions()).containsExactly("eu-west-1");
    ListingResult failed = listing(run, "eu-west-1");
    assertThat(failed.ok()).isFalse();
    assertThat(failed.complete()).isFalse();
    assertThat(failed.removed()).isZero();
    assertThat(failed.error()).contains("InternalError").contains("500");
    assertThat(storedIds("eu-west-1")).containsExactlyInAnyOrderElementsOf(west);
    assertThat(removedIds("eu-west-1")).isEmpty();
    assertThat(listingStatus(run, "eu-west-1")).isEqualTo("failed");
    assertThat(runStatus(run)).isEqualTo("partial");

    assertThat(listing(run, "us-east-1").ok()).isTrue();
    assertThat(listing(run, "us-east-1").removed()).isEqualTo(1);
    assertThat(removedIds("us-east-1")).containsExactly(east.get(4));
    assertThat(listing(run, "ap-southeast-2").ok()).isTrue();
    assertThat(removedIds("ap-southeast-2")).isEmpty();
    assertThat(storedIds("ap-southeast-2")).containsExactlyInAnyOrderElementsOf(sydney);
  }

  @Test
  void aPageCutOffMidwayFailsTheListingAndTombstonesNothing() {
    List<String> first = ids("p", 1000), second = ids("q", 300);
    stubPages("us-east-1", first, second);
    assertThat(sync(List.of("us-east-1"), Scope.AMAZON).status()).isEqualTo("ok");

    wiremock.resetAll();
    wiremock.stubFor(describeImages("us-east-1", null).willReturn(xml(imagesXml(first, "t2"))));
    wiremock.stubFor(describeImages("us-east-1", "t2")
        .willReturn(aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    RunResult run = sync(List.of("us-east-1"), Scope.AMAZON);

    assertThat(run.status()).isEqualTo("failed");
    ListingResult listing = listing(run, "us-east-1");
    assertThat(listing.ok()).isFalse();
    assertThat(listing.complete()).isFalse();
    assertThat(listing.pages()).isEqualTo(1);
    assertThat(listing.removed()).isZero();
    assertThat(listing.error()).isNotBlank();
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(storedIds("us-east-1")).containsExactlyInAnyOrderElementsOf(all);
    assertThat(removedIds("us-east-1")).isEmpty();
  }

  @Test
  void aPageWithTruncatedXmlFailsTheListingAndTombstonesNothing() {
    List<String> first = ids("p", 1000), second = ids("q", 300);
    stubPages("us-east-1", first, second);
    assertThat(sync(List.of("us-east-1"), Scope.AMAZON).status()).isEqualTo("ok");

    wiremock.resetAll();
    String page2 = imagesXml(second, null);
    wiremock.stubFor(describeImages("us-east-1", null).willReturn(xml(imagesXml(first, "t2"))));
    wiremock.stubFor(describeImages("us-east-1", "t2").willReturn(xml(page2.substring(0, page2.length() / 2))));

    RunResult run = sync(List.of("us-east-1"), Scope.AMAZON);

    ListingResult listing = listing(run, "us-east-1");
    assertThat(listing.ok()).isFalse();
    assertThat(listing.complete()).isFalse();
    assertThat(listing.removed()).isZero();
    assertThat(removedIds("us-east-1")).isEmpty();
    assertThat(storedIds("us-east-1")).hasSize(1300);
  }

  @Test
  void anImageListedOnTwoPagesIsCountedOnceAndTheListingStaysComplete() {
    List<String> first = ids("d", 1000);
    List<String> second = new ArrayList<>(ids("e", 10));
    second.add(first.get(5));  // listed again a page later
    stubPages("us-east-1", first, second);

    RunResult run = sync(List.of("us-east-1"), Scope.AMAZON);

    ListingResult listing = listing(run, "us-east-1");
    assertThat(listing.ok()).isTrue();
    assertThat(listing.complete()).isTrue();
    assertThat(listing.seen()).isEqualTo(1010);
    assertThat(listing.duplicates()).isEqualTo(1);
    assertThat(listing.duplicatesNote()).isEqualTo("1 record repeated an image id already listed: the last of each was kept");
    assertThat(storedIds("us-east-1")).hasSize(1010);
    assertThat(removedIds("us-east-1")).isEmpty();
  }

  @Test
  void aFieldEarlierBuildsDroppedIsStoredWhenFirstSeenAndItsChangesAreEvents() {
    String image = item("ami-0allowed00000001", AMAZON, true);
    wiremock.stubFor(describeImages("us-east-1", null).willReturn(xml(describeImagesXml(List.of(image), null))));
    sync(List.of("us-east-1"), Scope.AMAZON);
    // The next sync sees ImageAllowed, which the catalog did not keep before: stored, and no change to report.
    wiremock.resetAll();
    wiremock.stubFor(describeImages("us-east-1", null).willReturn(xml(describeImagesXml(
        List.of(image.replace("</item>", "<imageAllowed>true</imageAllowed></item>")), null))));
    assertThat(listing(sync(List.of("us-east-1"), Scope.AMAZON), "us-east-1").changed()).isZero();
    assertThat(imageAllowed("ami-0allowed00000001")).isTrue();
    // Once known, a change of it is one.
    wiremock.resetAll();
    wiremock.stubFor(describeImages("us-east-1", null).willReturn(xml(describeImagesXml(
        List.of(image.replace("</item>", "<imageAllowed>false</imageAllowed></item>")), null))));
    assertThat(listing(sync(List.of("us-east-1"), Scope.AMAZON), "us-east-1").changed()).isEqualTo(1);
    assertThat(imageAllowed("ami-0allowed00000001")).isFalse();
    List<String> changes = db.read(h -> h.createQuery("SELECT detail FROM image_events WHERE kind = 'changed'")
        .mapTo(String.class).list());
    assertThat(changes).containsExactly("{\"imageAllowed\":[true,false]}");
  }

  @Test
  void sharedScopeKeepsOnlyImagesOtherAccountsSharedPrivately() {
    stubCallerIdentity(ME);
    wiremock.stubFor(describeImages("us-east-1", null).willReturn(xml(describeImagesXml(List.of(
        item("ami-0shared0000000001", OTHER_ACCOUNT, false),
        item("ami-0public0000000001", OTHER_ACCOUNT, true),
        item("ami-0mine00000000001", ME, false)), null))));

    RunResult run = sync(List.of("us-east-1"), Scope.SHARED);

    assertThat(run.status()).isEqualTo("ok");
    assertThat(listing(run, "us-east-1").seen()).isEqualTo(1);
    assertThat(storedIds("us-east-1")).containsExactly("ami-0shared0000000001");
    assertThat(categoryOf("us-east-1", "ami-0shared0000000001")).isEqualTo("shared");
    assertThat(describeImagesBodies()).singleElement().asString()
        .contains("ExecutableBy.1=self").doesNotContain("Owner.1");
    wiremock.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetCallerIdentity")));
  }

  // --- running a sync ---

  @Test
  void aSyncProcessKilledMidListingLosesNothingIsEndedAsFailedAndTheNextRunCompletesIt() throws Exception {
    List<String> ids = ids("d", 2000);
    stubPages("us-east-1", ids.subList(0, 1000), ids.subList(1000, 2000));
    stubCallerIdentity(ME);  // the sync command asks which account it lists
    // The second page hangs, so the process is killed while the listing is under way.
    wiremock.stubFor(describeImages("us-east-1", "t2").willReturn(xml(imagesXml(ids.subList(1000, 2000), null))
        .withFixedDelay(120_000)));
    Path file = dir.resolve("killed.db");
    Database.open(file).close();
    ProcessBuilder sync = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "amicatalog.Main", "sync", "--db", file.toString(), "--regions", "us-east-1",
        "--scopes", "amazon", "--endpoint", wiremock.baseUrl()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sync.log").toFile());
    sync.environment().putAll(java.util.Map.of("AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x", "AWS_REGION", "us-east-1"));
    Process process = sync.start();
    try (Database watching = Database.open(file)) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (stored(watching) < 1000 && System.nanoTime() < deadline && process.isAlive()) Thread.sleep(100);
      assertThat(stored(watching)).as(java.nio.file.Files.readString(dir.resolve("sync.log"))).isEqualTo(1000);
    }
    process.destroyForcibly();  // SIGKILL on Linux
    process.waitFor();

    try (Database reopened = Database.open(file)) {
      new Indexer(reopened);  // what serve or the next sync does when it opens the catalog
      String[] run = reopened.read(h -> h.createQuery("SELECT status || '|' || error FROM sync_runs ORDER BY id DESC LIMIT 1")
          .mapTo(String.class).one()).split("\\|", 2);
      assertThat(run[0]).isEqualTo("failed");
      assertThat(run[1]).contains("stopped before the run ended");
      assertThat(stored(reopened)).isEqualTo(1000);
      int removed = reopened.read(h -> h.createQuery("SELECT count(*) FROM images WHERE removed_at IS NOT NULL")
          .mapTo(Integer.class).one());
      assertThat(removed).isZero();

      stubPages("us-east-1", ids.subList(0, 1000), ids.subList(1000, 2000));  // EC2 answers again
      RunResult next = new Indexer(reopened).run("test", List.of("us-east-1"), EnumSet.of(Scope.AMAZON),
          new Ec2ImageSource(aws, List.of()), SyncListener.NONE);
      assertThat(next.status()).isEqualTo("ok");
      assertThat(stored(reopened)).isEqualTo(2000);
    }

    // Killed again, during a re-sync this time: a listing cut short removes nothing.
    wiremock.resetAll();
    stubPages("us-east-1", ids.subList(0, 1000), ids.subList(1000, 2000));
    stubCallerIdentity(ME);
    wiremock.stubFor(describeImages("us-east-1", "t2").willReturn(xml(imagesXml(ids.subList(1000, 2000), null))
        .withFixedDelay(120_000)));
    try (Database served = Database.open(file); TestApp serving = TestApp.serve(served);
         KeepsAnswering answers = KeepsAnswering.watch(serving, "/?q=image", "/images/us-east-1/" + ids.get(0), "/sync")) {
      Process again = sync.start();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (describeImagesBodies().stream().noneMatch(b -> b.contains("NextToken=t2")) && System.nanoTime() < deadline
          && again.isAlive()) {
        Thread.sleep(100);
      }
      assertThat(describeImagesBodies()).anyMatch(b -> b.contains("NextToken=t2"));
      again.destroyForcibly();
      again.waitFor();
      answers.awaitMoreAnswers(3);  // pages served after the kill too
    }
    try (Database reopened = Database.open(file)) {
      new Indexer(reopened);
      String status = reopened.read(h -> h.createQuery("SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1")
          .mapTo(String.class).one());
      assertThat(status).isEqualTo("failed");
      assertThat(stored(reopened)).isEqualTo(2000);
      int removed = reopened.read(h -> h.createQuery("SELECT count(*) FROM images WHERE removed_at IS NOT NULL")
          .mapTo(Integer.class).one());
      assertThat(removed).as("none falsely removed").isZero();
    }
  }

  /**
   * Faults in the middle of a re-sync (the second page of a region fails): a connection reset, a
   * throttling storm longer than the retries, credentials that expire, a region that vanishes
   * (OptInRequired), a server error, malformed XML. Each time: the listing fails with its reason,
   * nothing is lost or falsely removed, the next run completes, and the catalog answers throughout.
   */
  @Test
  void faultsMidResyncLoseNothingRemoveNothingAndTheNextRunCompletes() throws Exception {
    List<String> ids = ids("f", 2000);
    stubPages("us-east-1", ids.subList(0, 1000), ids.subList(1000, 2000));
    assertThat(sync(List.of("us-east-1"), Scope.AMAZON).status()).isEqualTo("ok");
    java.util.Map<String, ResponseDefinitionBuilder> faults = new java.util.LinkedHashMap<>();
    faults.put("a connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    faults.put("a throttling storm", Ec2Proxy.ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."));
    faults.put("expired credentials", Ec2Proxy.ec2Error(400, "ExpiredToken", "The security token included in the request is expired"));
    faults.put("a region gone", Ec2Proxy.ec2Error(400, "OptInRequired", "You are not subscribed to this service."));
    faults.put("a server error", Ec2Proxy.ec2Error(500, "InternalError", "An internal error has occurred"));
    faults.put("malformed XML", xml("<DescribeImagesResponse><imagesSet><item><imageId>ami-"));
    try (TestApp serving = TestApp.serve(db);
         KeepsAnswering answers = KeepsAnswering.watch(serving, "/?q=image", "/images/us-east-1/" + ids.get(0), "/sync")) {
      for (var fault : faults.entrySet()) {
        wiremock.resetAll();
        stubPages("us-east-1", ids.subList(0, 1000), ids.subList(1000, 2000));
        wiremock.stubFor(describeImages("us-east-1", "t2").willReturn(fault.getValue()));

        RunResult faulty = sync(List.of("us-east-1"), Scope.AMAZON);

        assertThat(faulty.status()).as(fault.getKey()).isEqualTo("failed");
        ListingResult listing = listing(faulty, "us-east-1");
        assertThat(listing.complete()).as(fault.getKey()).isFalse();
        assertThat(listing.error()).as(fault.getKey()).isNotBlank();
        assertThat(storedIds("us-east-1")).as(fault.getKey()).hasSize(2000);
        assertThat(removedIds("us-east-1")).as(fault.getKey() + ": nothing falsely removed").isEmpty();

        wiremock.resetAll();
        stubPages("us-east-1", ids.subList(0, 1000), ids.subList(1000, 2000));
        assertThat(sync(List.of("us-east-1"), Scope.AMAZON).status()).as(fault.getKey() + ", then").isEqualTo("ok");
      }
    }
  }

  /**
   * EC2 throttles the second page of a re-sync for 30 s: the listing waits the storm out and
   * completes, and the catalog keeps answering pages all the while.
   */
  @Test
  void aThirtySecondThrottlingStormIsWaitedOutWhileTheCatalogKeepsAnswering() throws Exception {
    List<String> ids = ids("s", 2000);
    stubPages("us-east-1", ids.subList(0, 1000), ids.subList(1000, 2000));
    assertThat(sync(List.of("us-east-1"), Scope.AMAZON).status()).isEqualTo("ok");
    var storm = wiremock.stubFor(describeImages("us-east-1", "t2").atPriority(1)
        .willReturn(Ec2Proxy.ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));

    try (AwsAccess patient = new AwsAccess(URI.create(wiremock.baseUrl()), null, new Patience(Duration.ofSeconds(5), Duration.ofMinutes(2)));
         TestApp serving = TestApp.serve(db);
         KeepsAnswering answers = KeepsAnswering.watch(serving, "/?q=image", "/images/us-east-1/" + ids.get(0), "/sync",
             "/api/images?q=image&region=us-east-1")) {
      CompletableFuture<RunResult> resync = CompletableFuture.supplyAsync(() -> syncWith(patient, "us-east-1"));
      Thread.sleep(30_000);
      assertThat(resync).as("still waiting out the storm").isNotDone();
      assertThat(describeImagesBodies().stream().filter(b -> b.contains("NextToken=t2")).count())
          .as("the throttled page was asked again and again").isGreaterThan(4);
      wiremock.removeStub(storm);

      RunResult run = resync.get(2, TimeUnit.MINUTES);

      assertThat(run.status()).isEqualTo("ok");
      assertThat(listing(run, "us-east-1").complete()).isTrue();
      assertThat(storedIds("us-east-1")).hasSize(2000);
      assertThat(removedIds("us-east-1")).isEmpty();
    }
  }

  /**
   * A page that answers later than an attempt may take is asked again and the listing completes; a
   * page that never answers in time fails the listing with the reason, losing and removing
   * nothing, while the catalog keeps answering.
   */
  @Test
  void aSlowPageIsAskedAgainAndOneThatNeverAnswersInTimeFailsTheListing() throws Exception {
    List<String> ids = ids("d", 2000);
    stubPages("us-east-1", ids.subList(0, 1000), ids.subList(1000, 2000));
    assertThat(sync(List.of("us-east-1"), Scope.AMAZON).status()).isEqualTo("ok");
    var slowAnswer = xml(imagesXml(ids.subList(1000, 2000), null)).withFixedDelay(3000);

    try (AwsAccess hasty = new AwsAccess(URI.create(wiremock.baseUrl()), null, new Patience(Duration.ofSeconds(1), Duration.ZERO));
         TestApp serving = TestApp.serve(db);
         KeepsAnswering answers = KeepsAnswering.watch(serving, "/?q=image", "/sync")) {
      wiremock.stubFor(describeImages("us-east-1", "t2").atPriority(1)
          .inScenario("slow").whenScenarioStateIs(STARTED).willSetStateTo("slow once").willReturn(slowAnswer));
      RunResult once = syncWith(hasty, "us-east-1");
      assertThat(once.status()).isEqualTo("ok");
      assertThat(listing(once, "us-east-1").complete()).isTrue();

      wiremock.stubFor(describeImages("us-east-1", "t2").atPriority(1).willReturn(slowAnswer));
      RunResult never = syncWith(hasty, "us-east-1");
      assertThat(never.status()).isEqualTo("failed");
      assertThat(listing(never, "us-east-1").error()).containsIgnoringCase("timeout");
      assertThat(storedIds("us-east-1")).hasSize(2000);
      assertThat(removedIds("us-east-1")).isEmpty();
    }
  }

  /** One warning per AWS call that failed in the end (not per retry), naming what started the sync and its run. */
  @Test
  void aFailedCallIsLoggedOnceWithWhoStartedTheSyncAndItsRun() {
    stubEc2Error("eu-west-1", 500, "InternalError", "An internal error has occurred");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger awsLog = (Logger) LoggerFactory.getLogger("amicatalog.aws");
    log.start();
    awsLog.addAppender(log);
    try {
      RunResult run = new Indexer(db).run("sync now by alice", List.of("eu-west-1"), EnumSet.of(Scope.AMAZON),
          new Ec2ImageSource(aws, List.of()), SyncListener.NONE);

      assertThat(run.status()).isEqualTo("failed");
      assertThat(describeImagesBodies()).as("the SDK retried").hasSizeGreaterThan(1);
      assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
          .contains("Ec2 DescribeImages in eu-west-1", "InternalError: An internal error has occurred",
              "user=sync now by alice", "id=sync-" + run.runId());
    } finally {
      awsLog.detachAppender(log);
    }
  }

  /**
   * The disk fills up during a sync (the catalog on a small tmpfs; root mounts it, as .ci/run runs):
   * the listing fails with the reason, what was stored stays, nothing is removed, and once there is
   * room the next run completes.
   */
  @Test
  void aDiskThatFillsUpDuringASyncLosesNothingAndTheNextRunCompletes() throws Exception {
    Path disk = java.nio.file.Files.createTempDirectory("ami-catalog-small-disk-");
    mount("-t", "tmpfs", "-o", "size=2048k", "tmpfs", disk.toString());
    try {
      List<String> first = ids("e", 300);
      List<String> more = ids("g", 8000);
      try (Database small = Database.open(disk.resolve("c.db"))) {
        stubPages("us-east-1", first);
        assertThat(syncInto(small).status()).isEqualTo("ok");
        TestApp serving = TestApp.serve(small);
        KeepsAnswering answers = KeepsAnswering.watch(serving, "/?q=image", "/images/us-east-1/" + first.get(0), "/sync");
        wiremock.resetAll();
        stubPages("us-east-1", first);
        stubPages("eu-west-1", more.subList(0, 2000), more.subList(2000, 4000), more.subList(4000, 6000), more.subList(6000, 8000));

        RunResult full = syncInto(small, "us-east-1", "eu-west-1");

        assertThat(full.status()).isIn("failed", "partial");
        assertThat(listing(full, "eu-west-1").error()).containsIgnoringCase("full");
        assertThat(count(small, "SELECT count(*) FROM images WHERE region = 'us-east-1'")).isEqualTo(300);
        assertThat(count(small, "SELECT count(*) FROM images WHERE removed_at IS NOT NULL")).isZero();
        answers.close();  // the catalog answered while its disk was full
        serving.close();

        mount("-o", "remount,size=64m", disk.toString());
        assertThat(syncInto(small, "us-east-1", "eu-west-1").status()).isEqualTo("ok");
        assertThat(count(small, "SELECT count(*) FROM images WHERE region = 'eu-west-1'")).isEqualTo(8000);
      }
    } finally {
      mount("-u", disk.toString());
    }
  }

  private RunResult syncInto(Database target, String... regions) {
    return new Indexer(target).run("test", regions.length == 0 ? List.of("us-east-1") : List.of(regions),
        EnumSet.of(Scope.AMAZON), new Ec2ImageSource(aws, List.of()), SyncListener.NONE);
  }

  private static int count(Database db, String sql) {
    return db.read(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  /** mount (or, with -u, umount) as root: a test that needs it fails when it cannot, it is not skipped. */
  private static void mount(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) command.addAll(List.of("sudo", "-n"));  // as .ci/run does
    boolean unmount = args[0].equals("-u");
    command.add(unmount ? "umount" : "mount");
    for (int i = unmount ? 1 : 0; i < args.length; i++) command.add(args[i]);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + " (needs root: .ci/run runs as root or with sudo): " + out).isZero();
  }

  private static int stored(Database db) {
    return db.read(h -> h.createQuery("SELECT count(*) FROM images").mapTo(Integer.class).one());
  }

  private RunResult syncWith(AwsAccess access, String region) {
    return new Indexer(db).run("test", List.of(region), EnumSet.of(Scope.AMAZON), new Ec2ImageSource(access, List.of()),
        SyncListener.NONE);
  }

  private RunResult sync(List<String> regions, Scope scope) {
    return new Indexer(db).run("test", regions, EnumSet.of(scope), new Ec2ImageSource(aws, List.of()), SyncListener.NONE);
  }

  private static ListingResult listing(RunResult run, String region) {
    return run.listings().stream().filter(l -> l.region().equals(region)).findFirst().orElseThrow();
  }

  // --- stubs ---

  /** DescribeImages for one region; the first page (token null) is the request without NextToken. */
  private static MappingBuilder describeImages(String region, String nextToken) {
    return post(urlEqualTo("/"))
        .withHeader("Authorization", containing("/" + region + "/ec2/aws4_request"))
        .withRequestBody(containing("Action=DescribeImages"))
        .withRequestBody(nextToken == null ? notContaining("NextToken") : containing("NextToken=" + nextToken));
  }

  /** Pages linked by tokens t2, t3, ...; the last page has no NextToken. */
  @SafeVarargs
  private static void stubPages(String region, List<String>... pages) {
    for (int i = 0; i < pages.length; i++) {
      String token = i == 0 ? null : "t" + (i + 1);
      String next = i == pages.length - 1 ? null : "t" + (i + 2);
      wiremock.stubFor(describeImages(region, token).willReturn(xml(imagesXml(pages[i], next))));
    }
  }

  /** Every DescribeImages of the region fails the same way. */
  private static void stubEc2Error(String region, int status, String code, String message) {
    wiremock.stubFor(post(urlEqualTo("/"))
        .withHeader("Authorization", containing("/" + region + "/ec2/aws4_request"))
        .willReturn(Ec2Proxy.ec2Error(status, code, message)));
  }

  private static void stubCallerIdentity(String account) {
    wiremock.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetCallerIdentity"))
        .willReturn(xml("""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult><Arn>arn:aws:iam::%s:user/t</Arn><UserId>X</UserId><Account>%s</Account></GetCallerIdentityResult>
              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>""".formatted(account, account))));
  }

  private static ResponseDefinitionBuilder xml(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
  }

  private static List<String> describeImagesBodies() {
    return wiremock.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeImages")))
        .stream().map(LoggedRequest::getBodyAsString).toList();
  }

  // --- EC2 XML ---

  /** Amazon-owned public images. */
  private static String imagesXml(List<String> ids, String nextToken) {
    return describeImagesXml(ids.stream().map(id -> item(id, AMAZON, true)).toList(), nextToken);
  }

  private static String describeImagesXml(List<String> items, String nextToken) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
        + "<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId><imagesSet>"
        + String.join("", items) + "</imagesSet>"
        + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>")
        + "</DescribeImagesResponse>";
  }

  private static String item(String imageId, String owner, boolean isPublic) {
    return "<item><imageId>" + imageId + "</imageId><imageOwnerId>" + owner + "</imageOwnerId>"
        + "<isPublic>" + isPublic + "</isPublic><name>image-" + imageId + "</name>"
        + "<architecture>x86_64</architecture><imageState>available</imageState>"
        + "<creationDate>2025-01-15T10:00:00.000Z</creationDate><imageType>machine</imageType>"
        + "<rootDeviceType>ebs</rootDeviceType><virtualizationType>hvm</virtualizationType></item>";
  }

  /** Distinct image ids, e.g. ids("a", 2) = [ami-a0000000000000000, ami-a0000000000000001]. */
  private static List<String> ids(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("ami-%s%016x", prefix, i)).toList();
  }

  // --- what the catalog holds ---

  private List<String> storedIds(String region) {
    return db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = ?")
        .bind(0, region).mapTo(String.class).list());
  }

  private List<String> removedIds(String region) {
    return db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = ? AND removed_at IS NOT NULL")
        .bind(0, region).mapTo(String.class).list());
  }

  private int categoryCount(String region, String category) {
    return db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE region = ? AND category = ? AND removed_at IS NULL")
        .bind(0, region).bind(1, category).mapTo(Integer.class).one());
  }

  private String categoryOf(String region, String imageId) {
    return db.read(h -> h.createQuery("SELECT category FROM images WHERE region = ? AND image_id = ?")
        .bind(0, region).bind(1, imageId).mapTo(String.class).one());
  }

  private Boolean imageAllowed(String imageId) {
    return db.read(h -> h.createQuery("SELECT image_allowed FROM images WHERE image_id = ?")
        .bind(0, imageId).mapTo(Boolean.class).one());
  }

  private String listingStatus(RunResult run, String region) {
    return db.read(h -> h.createQuery("SELECT status FROM sync_listings WHERE run_id = ? AND region = ?")
        .bind(0, run.runId()).bind(1, region).mapTo(String.class).one());
  }

  private String runStatus(RunResult run) {
    return db.read(h -> h.createQuery("SELECT status FROM sync_runs WHERE id = ?")
        .bind(0, run.runId()).mapTo(String.class).one());
  }
}
