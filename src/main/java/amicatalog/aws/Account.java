package amicatalog.aws;

import java.util.regex.Pattern;

/**
 * An AWS account the catalog lists through: the credentials' own ({@code roleArn} null), or one
 * reached by assuming a role in it (from the accounts file or the Organization).
 */
public record Account(String id, String label, String roleArn, String externalId, Origin origin) {
  public static final Pattern ID = Pattern.compile("\\d{12}");
  static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");

  public enum Origin {
    CREDENTIALS, FILE, ORGANIZATION;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
  }

  /** "golden-images (111111111111)", or the id alone when it has no label. */
  public String display() {
    return label == null || label.isBlank() ? id : label + " (" + id + ")";
  }
}
