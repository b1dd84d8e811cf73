package amicatalog.aws;

import java.util.regex.Pattern;

/** The shapes of AWS names the app accepts from users: checked once, in one place. */
public final class AwsNames {
  /** A region name such as eu-west-1, us-gov-west-1 or ap-southeast-6. */
  public static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
  /** An AMI id as it may appear in a URL (loose: an unknown id is a 404, a malformed one a 400). */
  public static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-zA-Z]{1,32}");

  private AwsNames() {}
}
