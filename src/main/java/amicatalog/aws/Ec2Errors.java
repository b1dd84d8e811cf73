package amicatalog.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * EC2's refusals as sentences that say what happened and what to do next; never a stack trace.
 * The advice every action shares is here; an action adds its own (the launch's quotas, the
 * copy's duplicate names) in front of it.
 */
public final class Ec2Errors {
  private Ec2Errors() {}

  /** EC2's error code (or "HTTP nnn" when the answer had none), or null when EC2 was not reached. */
  public static String code(SdkException e) {
    if (!(e instanceof AwsServiceException aws) || aws.awsErrorDetails() == null) return null;
    String code = aws.awsErrorDetails().errorCode();
    return code != null ? code : "HTTP " + aws.statusCode();
  }

  /** The first line of EC2's own message, or of the SDK's when EC2 was not reached. */
  public static String said(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) return firstLine(aws.awsErrorDetails().errorMessage());
    return firstLine(e.getMessage());
  }

  /** Said when the SDK's credential chain found nothing: waiting will not help. */
  public static final String NO_CREDENTIALS = "No AWS credentials found: set AWS_PROFILE, AWS_ACCESS_KEY_ID and"
      + " AWS_SECRET_ACCESS_KEY, or run where an instance role or SSO session gives them (for an emulator, any key pair will do).";

  public static boolean noCredentials(SdkException e) {
    return e.getMessage() != null && e.getMessage().contains("Unable to load credentials");
  }

  /** What every action is told for these codes, or null for a code the caller explains itself. */
  public static String commonAdvice(String code, String region) {
    return switch (code) {
      case "InvalidAMIID.NotFound", "InvalidAMIID.Unavailable", "InvalidAMIID.Malformed" ->
          "The image does not exist in " + region + " for this account any more, or is not shared with it. Sync the catalog.";
      case "RequestLimitExceeded", "Throttling", "ThrottlingException" -> "EC2 is throttling this account's requests; try again in a minute.";
      case "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken" ->
          "EC2 did not accept the catalog's AWS credentials: they are wrong or expired.";
      default -> null;
    };
  }

  /** For copies, new images and reads: what went wrong trying to {@code what}, and what to do; EC2's own words at the end. */
  public static String describe(SdkException e, String region, String what) {
    String code = code(e);
    if (code == null && noCredentials(e)) return NO_CREDENTIALS;
    if (code == null) return "EC2 in " + region + " could not be reached to " + what + ": " + said(e) + ". Try again in a moment.";
    if (code.equals("HTTP 401")) {
      // The URL-connection client cannot read the body of a 401, so the code is lost.
      return "EC2 in " + region + " answered 401 Unauthorized: the region is not enabled for this account (OptInRequired),"
          + " or EC2 did not accept the catalog's AWS credentials.";
    }
    String advice = switch (code) {
      case "UnauthorizedOperation", "AccessDenied", "AccessDeniedException" ->
          "The catalog's AWS identity may not " + what + ": it needs ec2:CopyImage / ec2:CreateImage (and ec2:CreateTags)"
              + " in " + region + ". An encoded message can be read with aws sts decode-authorization-message.";
      case "OptInRequired" -> "The account has not enabled " + region + " (an opt-in region), or not subscribed to this image's product.";
      case "InvalidAMIID.NotFound", "InvalidAMIID.Unavailable", "InvalidAMIID.Malformed" ->
          "The source image no longer exists or is not available to this account. Sync the catalog.";
      case "InvalidAMIName.Duplicate" -> "This account already has an image with this name in " + region + ".";
      case "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed" -> "That instance does not exist in " + region + ".";
      case "IncorrectState", "IncorrectInstanceState" -> "The instance is not in a state an image can be made from.";
      case "ResourceLimitExceeded", "AMIQuotaExceeded" -> "The account's limit on images or concurrent copies in " + region
          + " is reached. Wait for running copies to finish, or ask for a higher quota.";
      default -> {
        String common = commonAdvice(code, region);
        yield common != null ? common : "EC2 refused to " + what + ".";
      }
    };
    String said = said(e);
    return advice + " EC2 said: " + code + (said.isEmpty() ? "" : ": " + said);
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    String line = s.lines().findFirst().orElse("").strip();
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }
}
