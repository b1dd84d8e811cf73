package amicatalog.cleanup;

import amicatalog.aws.AwsAccess;
import amicatalog.aws.Ec2Errors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterImageRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * The EC2 calls of the clean-up: which instances run an image, DeregisterImage and DeleteSnapshot
 * (each first as a DryRun), EnableImageDeprecation and DisableImageDeprecation. A failure comes
 * back as a sentence for the page.
 */
final class Ec2Cleanup {
  private Ec2Cleanup() {}

  /** A check's answer: ok, or why not. */
  record Verdict(boolean ok, String message) {}

  /** The instances (not terminated) that run {@code imageId}: "i-… (running)"; an image in use is never deregistered. */
  static List<String> instancesRunning(AwsAccess aws, String region, String imageId) {
    List<String> found = new ArrayList<>();
    for (var page : aws.ec2(region).describeInstancesPaginator(b -> b.filters(
        Filter.builder().name("image-id").values(imageId).build(),
        Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped", "shutting-down").build()))) {
      for (Reservation r : page.reservations()) {
        for (Instance i : r.instances()) found.add(i.instanceId() + " (" + i.state().nameAsString() + ")");
      }
    }
    return found;
  }

  static Verdict dryRunDeregister(AwsAccess aws, String region, String imageId) {
    try {
      aws.ec2(region).deregisterImage(DeregisterImageRequest.builder().imageId(imageId).dryRun(true).build());
      return new Verdict(true, "EC2 answered without a dry run verdict.");
    } catch (SdkException e) {
      if (isDryRunOk(e)) return new Verdict(true, "Allowed: the image would be deregistered.");
      return new Verdict(false, Ec2Errors.describe(e, region, "deregister " + imageId));
    }
  }

  static Verdict dryRunDeleteSnapshot(AwsAccess aws, String region, String snapshotId) {
    try {
      aws.ec2(region).deleteSnapshot(DeleteSnapshotRequest.builder().snapshotId(snapshotId).dryRun(true).build());
      return new Verdict(true, "EC2 answered without a dry run verdict.");
    } catch (SdkException e) {
      if (isDryRunOk(e)) return new Verdict(true, "Allowed: the snapshot would be deleted.");
      return new Verdict(false, Ec2Errors.describe(e, region, "delete " + snapshotId));
    }
  }

  static void deregister(AwsAccess aws, String region, String imageId) {
    aws.ec2(region).deregisterImage(DeregisterImageRequest.builder().imageId(imageId).build());
  }

  static void deleteSnapshot(AwsAccess aws, String region, String snapshotId) {
    aws.ec2(region).deleteSnapshot(DeleteSnapshotRequest.builder().snapshotId(snapshotId).build());
  }

  /** EnableImageDeprecation ({@code at} non-null) or DisableImageDeprecation, as a DryRun or for real. */
  static Verdict deprecation(AwsAccess aws, String region, String imageId, Instant at, boolean dryRun) {
    try {
      if (at != null) {
        aws.ec2(region).enableImageDeprecation(EnableImageDeprecationRequest.builder().imageId(imageId).deprecateAt(at)
            .dryRun(dryRun).build());
      } else {
        aws.ec2(region).disableImageDeprecation(DisableImageDeprecationRequest.builder().imageId(imageId).dryRun(dryRun).build());
      }
      return new Verdict(true, dryRun ? "EC2 answered without a dry run verdict." : "Done.");
    } catch (SdkException e) {
      if (dryRun && isDryRunOk(e)) return new Verdict(true, "Allowed.");
      return new Verdict(false, Ec2Errors.describe(e, region, (at != null ? "deprecate " : "un-deprecate ") + imageId));
    }
  }

  private static boolean isDryRunOk(SdkException e) {
    return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        && "DryRunOperation".equals(aws.awsErrorDetails().errorCode());
  }
}
