package amicatalog.drift;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.sync.RunResult;
import amicatalog.testing.Aws;
import amicatalog.testing.Ec2Proxy;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Drift with the real AWS SDK against moto's EC2: the sync lists the instances, and the drift page,
 * its twins, its feed and the image pages say which instances run an old, removed or newest image.
 */
@OnBothStores
class DriftMotoTest {
  /** The account's own images and its instances: what drift needs, without listing Amazon's thousands. */
  static final java.util.Set<Scope> OWN_AND_INSTANCES = EnumSet.of(Scope.SELF, Scope.INSTANCES);
  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  AwsAccess aws;
  TestApp app;
  FormSession visitor;
  Ec2Client ec2;

  @BeforeEach
  void start() {
    moto.reset();
    aws = new AwsAccess(moto.endpoint());
    app = TestApp.start(dir, aws, false, null, null);
    visitor = new FormSession(app);
    ec2 = Aws.ec2(moto.endpoint(), "us-east-1");
  }

  @AfterEach
  void stop() {
    app.close();
    aws.close();
  }

  private String run(String imageId, String name) {
    return ec2.runInstances(b -> b.imageId(imageId).instanceType("t3.micro").minCount(1).maxCount(1)
            .tagSpecifications(t -> t.resourceType("instance").tags(Tag.builder().key("Name").value(name).build())))
        .instances().get(0).instanceId();
  }

  /** Waits for the clock's next second (moto's clock: it runs on this machine). */
  private static void nextSecond() throws InterruptedException {
    long second = System.currentTimeMillis() / 1000;
    while (System.currentTimeMillis() / 1000 == second) Thread.sleep(20);
  }

  @Test
  void instancesOnOldAndRemovedImagesAreShownWorstFirstAndTheFeedSaysWhichFamilyDrifts() throws Exception {
    String old = Aws.createOwnImage(ec2, "team-base-20250101");
    nextSecond();  // moto stamps CreationDate to the second: versions made in one second are both the newest
    String current = Aws.createOwnImage(ec2, "team-base-20250201");
    String app1 = Aws.createOwnImage(ec2, "team-app-20250101");
    String web1 = run(old, "web-1");
    run(old, "web-2");
    run(current, "web-3");
    String worker = run(app1, "worker");
    app.sync(aws, List.of("us-east-1"), OWN_AND_INSTANCES);
    ec2.deregisterImage(b -> b.imageId(app1));  // the worker's image goes; the worker runs on
    RunResult second = app.sync(aws, List.of("us-east-1"), OWN_AND_INSTANCES);
    assertThat(second.listings()).anySatisfy(l -> {
      assertThat(l.scope()).isEqualTo(Scope.INSTANCES);
      assertThat(l.ok()).isTrue();
      assertThat(l.seen()).isGreaterThanOrEqualTo(4);
    });

    Document page = visitor.page("/drift");
    assertThat(page.selectFirst("#drift-summary").text()).contains("instances on").contains("not its family's newest");
    List<String> order = page.select("section.drift-image").eachAttr("id");
    int removedAt = order.indexOf("image-us-east-1-" + app1);
    int oldAt = order.indexOf("image-us-east-1-" + old);
    int currentAt = order.indexOf("image-us-east-1-" + current);
    assertThat(removedAt).as("the removed image first").isGreaterThanOrEqualTo(0).isLessThan(oldAt);
    assertThat(oldAt).as("the superseded one before the newest").isLessThan(currentAt);
    var oldSection = page.getElementById("image-us-east-1-" + old);
    assertThat(oldSection.selectFirst(".badge").text()).isEqualTo("superseded");
    assertThat(oldSection.text()).contains("Superseded: the family's newest is team-base-20250201 (1 version newer")
        .contains(web1).contains("web-1").contains("web-2");
    assertThat(page.getElementById("image-us-east-1-" + app1).text()).contains("removed").contains("Removed on")
        .contains(worker);
    assertThat(page.getElementById("image-us-east-1-" + current).selectFirst(".badge").text()).isEqualTo("newest");
    var family = page.select("#drift-families tr").stream().filter(r -> r.text().startsWith("team-base-*")).findFirst().orElseThrow();
    assertThat(family.select("td").eachText()).containsExactly("team-base-* · 123456789012", "3", "2", "superseded");
    assertThat(page.select("#drift-accounts td").eachText()).contains("123456789012");

    // The image page says how many instances run it.
    assertThat(visitor.page("/images/us-east-1/" + old).selectFirst("#in-use").text())
        .startsWith("2 instances run this image (2 running)");

    // The twins say the same.
    JsonNode json = new ObjectMapper().readTree(app.get("/api/drift").body());
    assertThat(json.path("images").get(0).path("standing").asText()).isEqualTo("removed");
    assertThat(json.path("images").findValuesAsText("imageId")).contains(old, current, app1);
    String csv = app.get("/api/drift.csv").body();
    assertThat(csv.lines().filter(l -> l.contains(web1)).findFirst().orElseThrow())
        .contains(old).contains("team-base-20250101").contains("superseded").contains("team-base-20250201");

    // The feed names the drifting families, once each.
    Document feed = Jsoup.parse(app.get("/feeds/drift.atom").body(), "", Parser.xmlParser());
    List<String> titles = feed.select("entry > title").eachText();
    assertThat(titles).anySatisfy(t -> assertThat(t).startsWith("Drifting: team-base-* of 123456789012 (2 instances not on the newest)"));
    assertThat(titles).anySatisfy(t -> assertThat(t).startsWith("Drifting: team-app-* of 123456789012 (1 instance"));
    assertThat(titles.stream().filter(t -> t.contains("team-base-*"))).hasSize(1);

    // Move the old instances on: the family no longer drifts, and its feed entry says since when.
    ec2.terminateInstances(b -> b.instanceIds(page.getElementById("image-us-east-1-" + old).select("tbody td.mono")
        .eachText().stream().filter(t -> t.startsWith("i-")).toList()));
    app.sync(aws, List.of("us-east-1"), OWN_AND_INSTANCES);
    Document after = visitor.page("/drift");
    assertThat(after.getElementById("image-us-east-1-" + old)).isNull();
    assertThat(after.select("#drift-families tr").text()).doesNotContain("team-base-* · 123456789012 3");
    assertThat(app.get("/feeds/drift.atom").body()).contains("No longer drifting since");
  }

  @Test
  void aFailedInstancesListingKeepsWhatWasListedAndSaysWhy() {
    String old = Aws.createOwnImage(ec2, "team-base-20250101");
    Aws.createOwnImage(ec2, "team-base-20250201");
    run(old, "web-1");
    app.sync(aws, List.of("us-east-1"), OWN_AND_INSTANCES);
    try (Ec2Proxy proxy = new Ec2Proxy(moto); AwsAccess denied = new AwsAccess(proxy.endpoint())) {
      proxy.failing("DescribeInstances", false, null, 403, "UnauthorizedOperation",
          "You are not authorized to perform this operation.");
      RunResult run = app.sync(denied, List.of("us-east-1"), OWN_AND_INSTANCES);
      assertThat(run.status()).as("the images listed; only the instances failed").isEqualTo("partial");
    }
    Document page = visitor.page("/drift");
    assertThat(page.selectFirst(".drift-failure").text()).contains("us-east-1").contains("UnauthorizedOperation");
    assertThat(page.getElementById("image-us-east-1-" + old).text()).as("kept from the listing before").contains("web-1");
    assertThat(visitor.page("/sync").text()).contains("UnauthorizedOperation");
  }

  @Test
  void withoutTheInstancesScopeNothingIsListedAndThePageSaysHowToTurnItOn() {
    Aws.createOwnImage(ec2, "team-base-20250101");
    app.sync(aws, List.of("us-east-1"), EnumSet.of(Scope.SELF));
    int instances = app.db.read(h -> h.createQuery("SELECT count(*) FROM instances").mapTo(Integer.class).one());
    assertThat(instances).isZero();
    assertThat(visitor.page("/drift").selectFirst("#drift-empty").text()).contains("No instances listed yet")
        .contains("--scopes");
    assertThat(visitor.page("/images/us-east-1/" + app.db.read(h -> h.createQuery(
        "SELECT image_id FROM images WHERE name = 'team-base-20250101'").mapTo(String.class).one())).select("#in-use")).isEmpty();
  }
}
