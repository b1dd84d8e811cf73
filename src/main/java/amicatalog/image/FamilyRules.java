package amicatalog.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Which family an image belongs to: the first rule that applies to it (the user's rules, then the
 * built-in ones for known lines), else the name rule ({@link Family#key}), which stays the default.
 */
public final class FamilyRules {
  /**
   * Fedora CoreOS publishes its stable, testing and next streams under one name shape
   * ({@code fedora-coreos-44.20260707.3.1-x86_64}); only the description says the stream
   * ("Fedora CoreOS stable 44.20260707.3.1"). Without this rule the three streams are one family
   * whose "newest" is usually a testing or next build.
   */
  public static final FamilyRule FEDORA_COREOS = FamilyRule.of("125523088429", "fedora-coreos-{version}-*",
      "description:^Fedora CoreOS (stable|testing|next)\\b", "built in: Fedora CoreOS streams");

  /** The built-in rules alone: what the sync writes (the user's rules are applied after each run). */
  public static final FamilyRules BUILT_IN = new FamilyRules(List.of());

  private final List<FamilyRule> user;
  private final List<FamilyRule> all;

  private FamilyRules(List<FamilyRule> user) {
    this.user = List.copyOf(user);
    List<FamilyRule> all = new ArrayList<>(user);
    all.add(FEDORA_COREOS);
    this.all = List.copyOf(all);
  }

  private record Stored(String owner, String pattern, String stream, String origin) {}

  /** The rules in force on a catalog: the user's (table family_rules, migration V10), then the built-in ones. */
  public static FamilyRules stored(org.jdbi.v3.core.Handle h) {
    return withUser(h.createQuery("SELECT owner, pattern, stream, origin FROM family_rules ORDER BY position")
        .mapTo(Stored.class).list().stream().map(r -> FamilyRule.of(r.owner(), r.pattern(), r.stream(), r.origin())).toList());
  }

  /** The built-in rules with the user's in front of them. */
  public static FamilyRules withUser(List<FamilyRule> user) {
    return user.isEmpty() ? BUILT_IN : new FamilyRules(user);
  }

  public List<FamilyRule> user() {
    return user;
  }

  /** Every rule, in the order they are tried. */
  public List<FamilyRule> all() {
    return all;
  }

  /** The family key of an image; null for a nameless one. */
  public String key(String ownerId, String ownerAlias, String name, String description, String tagsJson) {
    if (name == null) return null;
    for (FamilyRule rule : all) {
      String key = rule.key(ownerId, ownerAlias, name, description, tagsJson);
      if (key != null) return key;
    }
    return Family.key(name);
  }

  public String key(ImageRecord image) {
    return key(image.ownerId(), image.ownerAlias(), image.name(), image.description(), image.tags());
  }

  /**
   * Rules from a small text file, one a line: {@code OWNER NAME-PATTERN [STREAM]}, where STREAM is
   * {@code tag:KEY} or {@code description:REGEX} (the rest of the line); {@code #} starts a comment.
   * An {@link IllegalArgumentException} names the line that is wrong and why.
   */
  public static List<FamilyRule> parse(String text, String fileName) {
    List<FamilyRule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] parts = line.split("\\s+", 3);
      String where = fileName + " line " + (i + 1);
      if (parts.length < 2) throw new IllegalArgumentException(where + ": write OWNER NAME-PATTERN [STREAM], e.g. "
          + "123456789012 web-base-{version}-x86_64 tag:Channel");
      try {
        rules.add(FamilyRule.of(parts[0], parts[1], parts.length > 2 ? parts[2] : null, where));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return rules;
  }
}
