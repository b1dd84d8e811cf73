package amicatalog.image;

/**
 * Which kind of image a row is, derived from what AWS says and which scopes saw it.
 * Marketplace wins over public (Marketplace images are public too); an image that is not public
 * is shared when only the shared scope saw it, and private (this account's own) otherwise.
 */
public enum Category {
  PRIVATE("owned by this account and not public"),
  SHARED("owned by another account that shared it with this one"),
  PUBLIC("launchable by any AWS account"),
  MARKETPLACE("sold through AWS Marketplace (a subscription may be needed)");

  private final String explanation;

  Category(String explanation) { this.explanation = explanation; }

  /** Every category's label, in the order pages show them. */
  public static final java.util.List<String> LABELS = java.util.Arrays.stream(values()).map(Category::label).toList();
  /** The same as an SQL list, for {@code category IN (...)} that lets SQLite seek an index led by category. */
  public static final String SQL_LIST = LABELS.stream().map(l -> "'" + l + "'").collect(java.util.stream.Collectors.joining(", "));

  public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

  public String explanation() { return explanation; }

  public static Category of(Boolean isPublic, String ownerAlias, String productCodesJson, int scopes) {
    boolean marketplace = (scopes & Scope.MARKETPLACE.bit()) != 0
        || "aws-marketplace".equals(ownerAlias)
        || (productCodesJson != null && productCodesJson.contains("\"marketplace\""));
    if (marketplace) return MARKETPLACE;
    if (Boolean.TRUE.equals(isPublic)) return PUBLIC;
    boolean sharedOnly = (scopes & Scope.SHARED.bit()) != 0 && (scopes & Scope.SELF.bit()) == 0;
    return sharedOnly ? SHARED : PRIVATE;
  }

  public static Category parse(String label) {
    return valueOf(label.toUpperCase(java.util.Locale.ROOT));
  }
}
