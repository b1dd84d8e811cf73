package amicatalog.image;

import java.util.Map;

/** Readable names for the well-known AMI publishers' accounts. */
public final class Publishers {
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("137112412989", "Amazon Linux"),
      Map.entry("591542846629", "Amazon ECS"),
      Map.entry("801119661308", "Amazon Windows"),
      Map.entry("125523088429", "Fedora CoreOS"),
      Map.entry("099720109477", "Canonical (Ubuntu)"),
      Map.entry("136693071363", "Debian"),
      Map.entry("309956199498", "Red Hat"),
      Map.entry("013907871322", "SUSE"),
      Map.entry("679593333241", "AWS Marketplace"),
      Map.entry("amazon", "Amazon"),
      Map.entry("aws-marketplace", "AWS Marketplace"));

  private Publishers() {}

  /** "Fedora CoreOS (125523088429)", "amazon", or the bare id when nothing better is known. */
  public static String label(String ownerId, String ownerAlias) {
    if (ownerAlias != null) return ownerAlias;
    String name = ownerId == null ? null : NAMES.get(ownerId);
    return name == null ? String.valueOf(ownerId) : name + " (" + ownerId + ")";
  }

  /** The well-known publisher's name of an account id, or null. */
  public static String name(String ownerId) {
    return ownerId == null ? null : NAMES.get(ownerId);
  }

  /** The label of an owner facet value (an alias or an account id). */
  public static String facetLabel(String value) {
    String name = NAMES.get(value);
    if (name == null) return value;
    return value.matches("\\d{12}") ? name + " (" + value + ")" : value;
  }
}
