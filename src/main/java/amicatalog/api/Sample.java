package amicatalog.api;

import amicatalog.aws.AwsNames;
import amicatalog.db.Database;
import java.util.Optional;

/**
 * The real images the /api page's examples ask about, so that every example answers with
 * something the catalog holds: Amazon Linux 2023 for arm64 when the catalog has it (what most
 * scripts ask for), else the newest image that belongs to a family.
 *
 * @param namePattern the name pattern for /api/latest
 * @param family      the family key, as the audit and the family feed name it
 * @param words       a word for the search box
 * @param other       another image of the same region, for compare
 */
public record Sample(String region, String imageId, String name, String owner, String arch, String namePattern,
    String family, String words, String other) {

  /**
   * The pattern AWS documents for Amazon Linux 2023. Its family key, al2023-ami-*-kernel-6.1-arm64,
   * would also match the ECS-optimized and minimal lines (al2023-ami-ecs-hvm-…): a script asking
   * for "latest" wants this narrower one.
   */
  static final String AL2023 = "al2023-ami-2023.*-kernel-6.1-arm64";

  /** What the examples say when the catalog holds no image yet (they answer empty, or 404). */
  static final Sample NONE = new Sample("eu-west-1", "ami-0123456789abcdef0", AL2023, "amazon", "arm64", AL2023,
      "al2023-ami-*-kernel-6.1-arm64", "al2023", "ami-0123456789abcdef1");

  private record Row(String region, String imageId, String name, String owner, String architecture, String familyKey) {}

  static Sample find(Database db) {
    // The first seeks a name range (images_name); the second, for a catalog without Amazon's AL2023, reads every live image.
    Optional<Row> al2023 = db.read(h -> h.createQuery("""
            SELECT region, image_id, name, coalesce(owner_alias, owner_id) AS owner, architecture, family_key
            FROM images WHERE %s AND owner_alias = 'amazon' AND removed_at IS NULL AND state = 'available'
              AND family_key IS NOT NULL
            ORDER BY region = 'eu-west-1' DESC, region = 'us-east-1' DESC, creation_date DESC LIMIT 1"""
            .formatted(db.dialect().matches("name", ":pattern")))
        .bind("pattern", db.dialect().pattern(AL2023)).mapTo(Row.class).findOne());
    Optional<Row> row = al2023.isPresent() ? al2023 : db.read(h -> h.createQuery("""
            SELECT region, image_id, name, coalesce(owner_alias, owner_id) AS owner, architecture, family_key
            FROM images WHERE removed_at IS NULL AND state = 'available' AND family_key IS NOT NULL
            ORDER BY creation_date DESC LIMIT 1""").mapTo(Row.class).findOne());
    // The region is written into the snippets' jq filter and Terraform expression: only a region's shape goes there.
    if (row.isEmpty() || !AwsNames.REGION.matcher(row.get().region()).matches()) return NONE;
    Row r = row.get();
    String words = firstWord(r.name());
    String other = db.read(h -> h.createQuery("""
            SELECT image_id FROM images
            WHERE region = :region AND %s AND image_id <> :id AND removed_at IS NULL
            ORDER BY creation_date DESC LIMIT 1""".formatted(db.dialect().matches("name", ":prefix")))
        .bind("region", r.region()).bind("prefix", db.dialect().pattern(literal(words) + "*")).bind("id", r.imageId())
        .mapTo(String.class).findOne()).orElse(NONE.other());
    return new Sample(r.region(), r.imageId(), r.name(), r.owner(), r.architecture(),
        al2023.isPresent() ? AL2023 : r.familyKey(), r.familyKey(), words, other);
  }

  /** Text as a GLOB pattern that matches just it: [, * and ? each as a one-character class. */
  static String literal(String text) {
    return text.replaceAll("([\\[*?])", "[$1]");
  }

  /** The name's first word (up to a separator), which the search box finds it by. */
  static String firstWord(String name) {
    String first = name.split("[-_ ./]", 2)[0];
    return first.isEmpty() ? name : first;
  }
}
