package amicatalog.copy;

import amicatalog.web.Layout;
import java.util.List;

/** Making an image from an instance: pick the instance, then fill in the image. */
public final class InstancePages {
  private InstancePages() {}

  public record Option(String value, boolean selected) {}

  public record InstanceRow(String instanceId, String name, String state, String type, String imageId, String launched,
      String platform, String createUrl) {}

  /**
   * The account's instances in one region; {@code off} or {@code problem} say why none are listed;
   * {@code sample} (the demo only) that they are the demo sample account's.
   */
  public record Instances(Layout layout, String region, List<Option> regions, List<InstanceRow> instances, String off,
      String problem, String sample, List<AccountOption> accounts) {}

  /** One of the catalog's accounts to list the instances of (offered where it lists several). */
  public record AccountOption(String id, String label, boolean selected) {}

  /**
   * The form; {@code verdict} is a failed dry run's message. In the demo, {@code sample} says whose
   * instance it is, and {@code demoStop} is the command a check would have sent (it is not sent).
   */
  public record Create(Layout layout, String region, InstanceRow instance, String name, String description,
      boolean noReboot, String tags, String nameError, String descriptionError, String tagsError, String verdict,
      String off, String action, String nonce, String backUrl, String owner, String sample, String demoStop, String account) {}
}
