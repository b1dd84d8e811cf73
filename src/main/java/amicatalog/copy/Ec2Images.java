package amicatalog.copy;

import amicatalog.aws.AwsAccess;
import amicatalog.aws.Ec2Errors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyImageRequest;
import software.amazon.awssdk.services.ec2.model.CreateImageRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The EC2 calls of the audit: CopyImage and CreateImage (each first as a DryRun), DescribeImages
 * to follow new images, DescribeInstances to pick an instance. Every failure comes back as a
 * sentence for the page, never as an exception.
 */
public final class Ec2Images {
  /** Instances listed for "create an image" at most (the newest first). */
  static final int MAX_INSTANCES = 300;

  private Ec2Images() {}

  /** A dry run's answer: ok, or why not. */
  record Verdict(boolean ok, String message) {}

  /** What EC2 says of an image now; state "missing" when it does not know the id. */
  record ImageState(String imageId, String state, String reason) {}

  record InstanceView(String instanceId, String name, String state, String type, String imageId, String launched,
      String platform) {}

  static CopyImageRequest copyRequest(CopySource source, String clientToken, boolean dryRun) {
    CopyImageRequest.Builder b = CopyImageRequest.builder()
        .sourceImageId(source.imageId()).sourceRegion(source.region())
        .name(source.name()).description(source.description())
        .copyImageTags(true).dryRun(dryRun);
    if (clientToken != null) b.clientToken(clientToken);
    return b.build();
  }

  /** CopyImage with DryRun into {@code target}: EC2 answers DryRunOperation when the copy would be allowed. */
  static Verdict dryRunCopy(AwsAccess aws, CopySource source, String target) {
    try {
      aws.ec2(target).copyImage(copyRequest(source, null, true));
      return new Verdict(true, "EC2 accepted the copy without a dry run answer.");
    } catch (SdkException e) {
      if (isDryRunOk(e)) return new Verdict(true, "Allowed: a copy to " + target + " would start.");
      return new Verdict(false, Ec2Errors.describe(e, target, "copy the image to " + target));
    }
  }

  /** The real copy; answers the new image's id (the copy runs on in EC2, state pending). */
  static String copy(AwsAccess aws, CopySource source, String target, String clientToken) {
    return aws.ec2(target).copyImage(copyRequest(source, clientToken, false)).imageId();
  }

  static CreateImageRequest createRequest(String instanceId, ImageForm form, boolean dryRun) {
    CreateImageRequest.Builder b = CreateImageRequest.builder().instanceId(instanceId).name(form.name())
        .noReboot(form.noReboot()).dryRun(dryRun);
    if (!form.description().isEmpty()) b.description(form.description());
    if (!form.tags().isEmpty()) {
      List<Tag> tags = form.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
      b.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.IMAGE).tags(tags).build());
    }
    return b.build();
  }

  static Verdict dryRunCreate(AwsAccess aws, String region, String instanceId, ImageForm form) {
    try {
      aws.ec2(region).createImage(createRequest(instanceId, form, true));
      return new Verdict(true, "EC2 accepted the image without a dry run answer.");
    } catch (SdkException e) {
      if (isDryRunOk(e)) return new Verdict(true, "Allowed.");
      return new Verdict(false, Ec2Errors.describe(e, region, "create an image from " + instanceId));
    }
  }

  static String create(AwsAccess aws, String region, String instanceId, ImageForm form) {
    return aws.ec2(region).createImage(createRequest(instanceId, form, false)).imageId();
  }

  /** The state of each id in one region (a filter, so ids EC2 no longer knows do not fail the call). */
  static Map<String, ImageState> states(AwsAccess aws, String region, List<String> imageIds) {
    Map<String, ImageState> states = new HashMap<>();
    for (String id : imageIds) states.put(id, new ImageState(id, "missing", null));
    aws.ec2(region).describeImages(b -> b.filters(Filter.builder().name("image-id").values(imageIds).build())
            .includeDeprecated(true))
        .images().forEach(i -> states.put(i.imageId(), new ImageState(i.imageId(), i.stateAsString(),
            i.stateReason() == null ? null : i.stateReason().message())));
    return states;
  }

  /** The account's instances in a region that an image can be made from (not terminated), newest first. */
  static List<InstanceView> instances(AwsAccess aws, String region) {
    Ec2Client ec2 = aws.ec2(region);
    List<InstanceView> found = new ArrayList<>();
    var pages = ec2.describeInstancesPaginator(b -> b.maxResults(100).filters(Filter.builder()
        .name("instance-state-name").values("pending", "running", "stopping", "stopped").build()));
    for (var reservation : pages.reservations()) {
      for (Instance i : reservation.instances()) {
        String name = i.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse("");
        found.add(new InstanceView(i.instanceId(), name, i.state() == null ? "" : i.state().nameAsString(),
            i.instanceTypeAsString(), i.imageId(), i.launchTime() == null ? "" : i.launchTime().toString(),
            i.platformDetails()));
      }
      if (found.size() >= MAX_INSTANCES) break;
    }
    found.sort((a, b) -> b.launched().compareTo(a.launched()));
    return found.size() > MAX_INSTANCES ? found.subList(0, MAX_INSTANCES) : found;
  }

  private static boolean isDryRunOk(SdkException e) {
    return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        && "DryRunOperation".equals(aws.awsErrorDetails().errorCode());
  }

}
