package amicatalog.exposure;

import amicatalog.aws.AwsAccess;
import amicatalog.aws.Ec2Errors;
import amicatalog.image.LaunchGrantee;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.LaunchPermissionModifications;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;

/** ModifyImageAttribute removing one launch permission, as a DryRun or for real; a failure comes back as a sentence. */
final class Ec2Sharing {
  private Ec2Sharing() {}

  record Verdict(boolean ok, String message) {}

  static Verdict remove(AwsAccess aws, String region, String imageId, LaunchGrantee grantee, boolean dryRun) {
    LaunchPermission.Builder p = LaunchPermission.builder();
    switch (grantee.kind()) {
      case PUBLIC -> p.group(PermissionGroup.ALL);
      case ACCOUNT -> p.userId(grantee.value());
      case ORGANIZATION -> p.organizationArn(grantee.value());
      case UNIT -> p.organizationalUnitArn(grantee.value());
    }
    try {
      aws.ec2(region).modifyImageAttribute(b -> b.imageId(imageId).dryRun(dryRun)
          .launchPermission(LaunchPermissionModifications.builder().remove(p.build()).build()));
      return new Verdict(true, dryRun ? "EC2 answered without a dry run verdict." : "Done.");
    } catch (SdkException e) {
      if (dryRun && e instanceof AwsServiceException a && a.awsErrorDetails() != null
          && "DryRunOperation".equals(a.awsErrorDetails().errorCode())) {
        return new Verdict(true, "Allowed: EC2's dry run says the permission would be removed.");
      }
      return new Verdict(false, Ec2Errors.describe(e, region, "change who may launch " + imageId));
    }
  }
}
