package amicatalog.launch;

import amicatalog.actions.StartedInstance;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The two RunInstances calls a launch makes (the dry run and the real one) and the state check after. */
final class Ec2Launch {
  private Ec2Launch() {}

  /** RunInstances with DryRun: EC2 checks permissions and parameters and answers DryRunOperation when all is well. */
  static Verdict dryRun(Ec2Client ec2, LaunchRequest request, List<String> marketplaceCodes) {
    try {
      ec2.runInstances(request.runInstances(true, null));
      // EC2 never answers a dry run with success; should an emulator do so, it did not refuse either.
      return Verdict.success("EC2 accepted the dry run: the launch would succeed.");
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null && "DryRunOperation".equals(e.awsErrorDetails().errorCode())) {
        return Verdict.success("EC2's dry run says: " + e.awsErrorDetails().errorMessage());
      }
      return AwsErrors.verdict(e, request.region(), marketplaceCodes);
    } catch (SdkException e) {
      return AwsErrors.verdict(e, request.region(), marketplaceCodes);
    }
  }

  /** Starts the instances; EC2 answers a repeated client token with the instances it started the first time. */
  static List<StartedInstance> run(Ec2Client ec2, LaunchRequest request, String clientToken) {
    return ec2.runInstances(request.runInstances(false, clientToken)).instances().stream()
        .map(i -> StartedInstance.of(request.region(), i)).toList();
  }

  static List<StartedInstance> describe(Ec2Client ec2, String region, List<String> instanceIds) {
    return ec2.describeInstances(b -> b.instanceIds(instanceIds)).reservations().stream()
        .flatMap(r -> r.instances().stream()).map(i -> StartedInstance.of(region, i)).toList();
  }
}
