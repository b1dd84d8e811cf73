package amicatalog.image;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One grantee of an image's launch permissions as EC2 names it: {@code all} (public), an account id,
 * an organization ARN ({@code arn:aws:organizations::111111111111:organization/o-abc}) or an
 * organizational unit ARN ({@code …:ou/o-abc/ou-ab12-cdef}); and whether it reaches outside the
 * catalog's accounts and Organization.
 */
public record LaunchGrantee(String value) {
  public static final String PUBLIC = "all";
  /** The field of an image's history a change of its grants (but the public one) is recorded under: [old, new]. */
  public static final String HISTORY_FIELD = "launchPermissions";
  private static final Pattern ORGANIZATION = Pattern.compile(":(?:organization|ou)/(o-[a-z0-9]+)(?:/(ou-[a-z0-9-]+))?$");

  public enum Kind { PUBLIC, ACCOUNT, ORGANIZATION, UNIT }

  public Kind kind() {
    if (PUBLIC.equals(value)) return Kind.PUBLIC;
    if (value.contains(":ou/")) return Kind.UNIT;
    if (value.contains(":organization/")) return Kind.ORGANIZATION;
    return Kind.ACCOUNT;
  }

  /** The Organization an organization or unit ARN names (o-…), else null. */
  public String organizationId() {
    Matcher m = ORGANIZATION.matcher(value);
    return m.find() ? m.group(1) : null;
  }

  /**
   * Whether this grant lets someone outside launch the image: public always; an account that is not
   * one of the catalog's; an organization or unit other than the catalog's Organization.
   */
  public boolean outside(Set<String> accountIds, Set<String> organizationIds) {
    return switch (kind()) {
      case PUBLIC -> true;
      case ACCOUNT -> !accountIds.contains(value);
      case ORGANIZATION, UNIT -> !organizationIds.contains(organizationId());
    };
  }

  /** "everyone (public)", "golden-images (111111111111)", "organization o-abc", "unit ou-ab12-cdef of o-abc". */
  public String label(Map<String, String> accountLabels) {
    return switch (kind()) {
      case PUBLIC -> "everyone (public)";
      case ACCOUNT -> accountLabels.get(value) == null ? value : accountLabels.get(value) + " (" + value + ")";
      case ORGANIZATION -> "organization " + organizationId();
      case UNIT -> {
        Matcher m = ORGANIZATION.matcher(value);
        yield m.find() && m.group(2) != null ? "unit " + m.group(2) + " of " + m.group(1) : value;
      }
    };
  }
}
