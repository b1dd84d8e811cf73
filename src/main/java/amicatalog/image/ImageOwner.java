package amicatalog.image;

import java.util.List;
import java.util.Set;

/**
 * Who publishes an image, as the pages that launch or copy it must show: an alias or a name can be
 * a look-alike, the account id cannot. Trusted are Amazon's and AWS Marketplace's aliases (AWS
 * gives them out), this account, and the owners the operator listed with --trusted-owners.
 */
public record ImageOwner(String id, String alias, boolean trusted) {
  private static final Set<String> AWS_ALIASES = Set.of("amazon", "aws-marketplace");

  public static ImageOwner of(String id, String alias, String ownAccount, List<String> trustedOwners) {
    boolean trusted = (alias != null && (AWS_ALIASES.contains(alias) || trustedOwners.contains(alias)))
        || (id != null && (id.equals(ownAccount) || trustedOwners.contains(id)));
    return new ImageOwner(id, alias, trusted);
  }

  /** "amazon, account 137112412989", or the account alone ("Fedora CoreOS, account 125523088429" when known). */
  public String label() {
    String name = alias != null ? alias : Publishers.name(id);
    String account = id == null ? "an unknown account" : "account " + id;
    return name == null ? account : name + ", " + account;
  }

  /** Said before a launch or copy of an image whose owner is not trusted; null when it is. */
  public String warning() {
    if (trusted) return null;
    return "Check the owner: this image is published by " + label() + ", not by Amazon, AWS Marketplace, one of"
        + " the catalog's accounts or an owner listed with --trusted-owners. Anyone can publish an image with a familiar name.";
  }
}
