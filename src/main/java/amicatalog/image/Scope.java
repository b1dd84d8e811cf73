package amicatalog.image;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A way of listing a region's images. Each has a bit in {@code images.scopes}, so an image
 * disappears only when a complete listing of every scope that saw it stops seeing it. One scope
 * lists no images: {@link #INSTANCES}, the instances of the region and the image each runs (drift).
 */
public enum Scope {
  SELF("Owners=self: images this account owns"),
  SHARED("ExecutableUsers=self, minus own and public: images other accounts shared with this one"),
  AMAZON("Owners=amazon: Amazon's public images"),
  MARKETPLACE("Owners=aws-marketplace: AWS Marketplace images"),
  COMMUNITY("ExecutableUsers=all: every public image (opt-in; optionally an owner allowlist)"),
  IMPORT("images read from describe-images JSON files"),
  INSTANCES("DescribeInstances: this account's instances and the image each runs (the drift page)");

  public static final Set<Scope> DEFAULTS = EnumSet.of(SELF, SHARED, AMAZON, MARKETPLACE, INSTANCES);

  private final String explanation;

  Scope(String explanation) { this.explanation = explanation; }

  public int bit() { return 1 << ordinal(); }

  public String label() { return name().toLowerCase(Locale.ROOT); }

  public String explanation() { return explanation; }

  /** Whether the scope lists images (all but instances). */
  public boolean listsImages() { return this != INSTANCES; }

  /**
   * Whether the scope answers differently in each account (its own images, those shared with it,
   * its instances), so that each account lists it; the public scopes answer the same in every
   * account and are listed once a region.
   */
  public boolean isPerAccount() { return this == SELF || this == SHARED || this == INSTANCES; }

  /** Whether the scope lists images an account sees on its own (owns, or was shared): kept per account as sightings. */
  public boolean isPersonal() { return this == SELF || this == SHARED; }

  public static Scope parse(String text) {
    for (Scope s : values()) {
      if (s.label().equals(text.trim().toLowerCase(Locale.ROOT)) && s != IMPORT) return s;
    }
    throw new IllegalArgumentException("unknown scope '" + text.trim()
        + "' (choose from self, shared, amazon, marketplace, community, instances)");
  }
}
