package amicatalog.copy;

import amicatalog.actions.SampleAccount;
import amicatalog.db.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo sample account's instances in a region ({@link SampleAccount}): made up, launched from
 * real images the catalog lists there (the newest of their architecture before the launch, Amazon's
 * first), so that "create an image" has something to start from. Never asked of AWS.
 */
final class SampleInstances {
  private record Sample(String name, String state, String type, String architecture, String launched) {}

  private static final List<Sample> SAMPLES = List.of(
      new Sample("web-1", "running", "t3.small", "x86_64", "2026-07-14T08:30:00Z"),
      new Sample("build-arm", "stopped", "t4g.medium", "arm64", "2026-06-30T16:05:00Z"),
      new Sample("bastion", "running", "t3.micro", "x86_64", "2026-05-02T10:00:00Z"));

  private SampleInstances() {}

  /** Newest launched first, as the real list is. */
  static List<Ec2Images.InstanceView> in(Database db, String region) {
    List<Ec2Images.InstanceView> found = new ArrayList<>();
    for (Sample s : SAMPLES) {
      String imageId = db.read(h -> h.createQuery("""
              SELECT image_id FROM images
              WHERE region = ? AND architecture = ? AND removed_at IS NULL AND platform IS NULL AND creation_date < ?
              ORDER BY owner_alias IS NOT DISTINCT FROM 'amazon' DESC, creation_date DESC LIMIT 1""")
          .bind(0, region).bind(1, s.architecture()).bind(2, s.launched()).mapTo(String.class).findOne()).orElse("");
      found.add(new Ec2Images.InstanceView(SampleAccount.id("i", region, s.name()), s.name(), s.state(), s.type(), imageId,
          s.launched(), "Linux/UNIX"));
    }
    return found;
  }
}
