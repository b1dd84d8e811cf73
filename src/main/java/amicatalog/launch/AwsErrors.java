package amicatalog.launch;

import amicatalog.aws.Ec2Errors;
import amicatalog.web.Urls;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/** EC2's refusals as sentences that say what happened and what to do next; never a stack trace. */
final class AwsErrors {
  private AwsErrors() {}

  static Verdict verdict(SdkException e, String region, List<String> marketplaceCodes) {
    String code = Ec2Errors.code(e);
    String said = Ec2Errors.said(e);
    if (code == null && Ec2Errors.noCredentials(e)) return new Verdict(false, null, Ec2Errors.NO_CREDENTIALS, null, null);
    if (code == null) {
      return new Verdict(false, null, "EC2 in " + region + " could not be reached: " + said
          + ". Nothing was started; try again in a moment.", null, null);
    }
    String product = marketplaceCodes.isEmpty() ? null : marketplaceCodes.get(0);
    if (code.equals("HTTP 401")) return unauthorized(product);
    String advice = switch (code) {
      case "UnauthorizedOperation", "AccessDenied", "AccessDeniedException" ->
          "The catalog's AWS identity is not allowed to do this. Give it ec2:RunInstances (and ec2:CreateTags for the Name tag)"
              + " on this image, subnet and security groups; an encoded message can be read with"
              + " aws sts decode-authorization-message.";
      case "OptInRequired" -> product != null
          ? "The account is not subscribed to this AWS Marketplace product. Open the product's page, subscribe and accept its terms,"
              + " then check again (a new subscription can take a few minutes to take effect)."
          : "The account has not opted in to what this launch needs (a Marketplace product or an opt-in region).";
      case "PendingVerification" -> "The account is still being verified by AWS; launching works once that is done.";
      case "InstanceLimitExceeded", "VcpuLimitExceeded", "MaxSpotInstanceCountExceeded" ->
          "The account's quota for this instance type is used up in " + region + ". Stop instances, choose a smaller type,"
              + " or ask for a higher quota in Service Quotas.";
      case "InsufficientInstanceCapacity", "Unsupported" ->
          "EC2 cannot start this instance type in this availability zone right now. Choose another subnet (zone) or type.";
      case "InvalidKeyPair.NotFound" -> "That key pair does not exist in " + region + ".";
      case "InvalidSubnetID.NotFound", "InvalidSubnet" -> "That subnet does not exist in " + region + ".";
      case "InvalidGroup.NotFound", "InvalidSecurityGroupID.NotFound" -> "A chosen security group does not exist in " + region + ".";
      case "InvalidInstanceType", "InvalidInstanceType.NotFound" -> "EC2 does not offer that instance type here.";
      case "IdempotentParameterMismatch" ->
          "EC2 already saw this confirmation with other settings. Check the launch again to get a fresh confirmation.";
      default -> Ec2Errors.commonAdvice(code, region) != null ? Ec2Errors.commonAdvice(code, region)
          : code.startsWith("InvalidParameter") || code.startsWith("MissingParameter")
          ? "EC2 refused one of the settings: change it and check again." : "EC2 refused the launch.";
    };
    String message = advice + " EC2 said: " + code + (said.isEmpty() ? "" : ": " + said);
    return "OptInRequired".equals(code) && product != null
        ? new Verdict(false, code, message, Urls.marketplace(product), "Find the product to subscribe ↗")
        : new Verdict(false, code, message, null, null);
  }

  /**
   * EC2 answers OptInRequired and AuthFailure with HTTP 401, and the SDK's URL-connection client
   * cannot read the body of a 401 (the JDK drops it in streaming mode): only the status is known.
   */
  private static Verdict unauthorized(String product) {
    if (product != null) {
      return new Verdict(false, "401", "EC2 answered 401 Unauthorized. For an AWS Marketplace image this is OptInRequired:"
          + " the account is not subscribed to the product. Open the product's page, subscribe and accept its terms, then"
          + " check again. (If the account is subscribed, EC2 did not accept the catalog's AWS credentials.)",
          Urls.marketplace(product), "Find the product to subscribe ↗");
    }
    return new Verdict(false, "401", "EC2 answered 401 Unauthorized: it did not accept the catalog's AWS credentials"
        + " (AuthFailure), or the account has not opted in to what this launch needs (OptInRequired).", null, null);
  }

  /** For reads that fill the form (types, subnets, keys): one sentence. */
  static String reading(SdkException e, String region) {
    return verdict(e, region, List.of()).message().replace("EC2 refused the launch.", "EC2 refused to list what the form offers.");
  }
}
