package amicatalog.sync;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestStores;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/** The indexer with the real AWS SDK against moto's EC2 emulator. */
@OnBothStores
class IndexerMotoTest {
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
  private static final String ME = "123456789012";

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

  private RunResult sync() {
    return new Indexer(db).run("test", REGIONS, Scope.DEFAULTS, new Ec2ImageSource(aws, List.of()), SyncListener.NONE);
  }

  @Test
  void syncStoresWhatEc2AnswersPerRegionAndCategoryAndFollowsChanges() {
    Ec2Client east = Aws.ec2(moto.endpoint(), "us-east-1");
    Ec2Client west = Aws.ec2(moto.endpoint(), "eu-west-1");
    String kept = Aws.createOwnImage(east, "team-base-1");
    String doomed = Aws.createOwnImage(east, "team-base-2");
    Aws.createOwnImage(west, "team-base-eu");
    // moto keeps each account's images apart, so shared-with-me is shown against WireMock instead.

    RunResult first = sync();

    assertThat(first.status()).as("%s", first.listings()).isEqualTo("ok");
    for (String region : REGIONS) {
      assertThat(categoryCounts(region)).as(region).isEqualTo(expectedFromEc2(region));
    }
    assertThat(categoryOf("us-east-1", kept)).isEqualTo("private");

    east.deregisterImage(b -> b.imageId(doomed));
    String copy = Aws.ec2(moto.endpoint(), "ap-southeast-2")
        .copyImage(b -> b.sourceImageId(kept).sourceRegion("us-east-1").name("team-base-1")).imageId();
    east.modifyImageAttribute(b -> b.imageId(kept).launchPermission(p -> p.add(l -> l.group("all"))));

    RunResult second = sync();

    assertThat(second.status()).isEqualTo("ok");
    assertThat(removedAt("us-east-1", doomed)).isNotNull();
    // The first sync was a cold load: history starts after it, so only the removal is an event.
    assertThat(events("us-east-1", doomed)).containsExactly("removed");
    assertThat(categoryOf("ap-southeast-2", copy)).isEqualTo("private");
    assertThat(events("ap-southeast-2", copy)).containsExactly("appeared");
    assertThat(categoryOf("us-east-1", kept)).isEqualTo("public");
    assertThat(events("us-east-1", kept)).as("becoming public is its own news").containsExactly("made-public");
    assertThat(changeDetail("us-east-1", kept)).contains("\"category\":[\"private\",\"public\"]")
        .contains("\"isPublic\":[false,true]");
    for (String region : REGIONS) {
      assertThat(categoryCounts(region)).as(region).isEqualTo(expectedFromEc2(region));
    }
  }

  @Test
  void aResyncThatFindsNothingNewWritesNoImageRows() {
    sync();
    RunResult again = sync();
    assertThat(again.listings()).allSatisfy(l -> {
      assertThat(l.added()).isZero();
      assertThat(l.changed()).isZero();
      assertThat(l.removed()).isZero();
    });
    int lastChangedInRun = db.read(h -> h.createQuery(
        "SELECT count(*) FROM images WHERE last_changed >= (SELECT started_at FROM sync_runs WHERE id = ?)")
        .bind(0, again.runId()).mapTo(Integer.class).one());
    assertThat(lastChangedInRun).isZero();
  }

  /** Categories as EC2 itself answers them, for the same region. */
  private Map<String, Integer> expectedFromEc2(String region) {
    Ec2Client ec2 = Aws.ec2(moto.endpoint(), region);
    Map<String, Integer> expected = new HashMap<>();
    List<Image> own = ec2.describeImages(b -> b.owners("self").includeDeprecated(true)).images();
    own.forEach(i -> expected.merge(Boolean.TRUE.equals(i.publicLaunchPermissions()) ? "public" : "private", 1, Integer::sum));
    ec2.describeImages(b -> b.executableUsers("self").includeDeprecated(true)).images().stream()
        .filter(i -> !Boolean.TRUE.equals(i.publicLaunchPermissions()) && !ME.equals(i.ownerId()))
        .forEach(i -> expected.merge("shared", 1, Integer::sum));
    int amazon = ec2.describeImages(b -> b.owners("amazon").includeDeprecated(true)).images().size();
    int marketplace = ec2.describeImages(b -> b.owners("aws-marketplace").includeDeprecated(true)).images().size();
    expected.merge("public", amazon, Integer::sum);
    if (marketplace > 0) expected.put("marketplace", marketplace);
    return expected;
  }

  private Map<String, Integer> categoryCounts(String region) {
    Map<String, Integer> counts = new HashMap<>();
    db.read(h -> h.createQuery("SELECT category, count(*) AS n FROM images WHERE region = ? AND removed_at IS NULL GROUP BY category")
        .bind(0, region).map((rs, ctx) -> counts.put(rs.getString(1), rs.getInt(2))).list());
    return counts;
  }

  private String categoryOf(String region, String imageId) {
    return db.read(h -> h.createQuery("SELECT category FROM images WHERE region = ? AND image_id = ?")
        .bind(0, region).bind(1, imageId).mapTo(String.class).one());
  }

  private String removedAt(String region, String imageId) {
    return db.read(h -> h.createQuery("SELECT removed_at FROM images WHERE region = ? AND image_id = ?")
        .bind(0, region).bind(1, imageId).mapTo(String.class).findOne().orElse(null));
  }

  private List<String> events(String region, String imageId) {
    return db.read(h -> h.createQuery("""
            SELECT e.kind FROM image_events e JOIN images i ON i.id = e.image_row
            WHERE i.region = ? AND i.image_id = ? ORDER BY e.id""")
        .bind(0, region).bind(1, imageId).mapTo(String.class).list());
  }

  private String changeDetail(String region, String imageId) {
    return db.read(h -> h.createQuery("""
            SELECT e.detail FROM image_events e JOIN images i ON i.id = e.image_row
            WHERE i.region = ? AND i.image_id = ? AND e.kind IN ('changed', 'made-public')""")
        .bind(0, region).bind(1, imageId).mapTo(String.class).one());
  }
}
