package amicatalog.copy;

import amicatalog.db.Database;
import java.util.Optional;

/** The image a copy is made from, as the catalog knows it. */
record CopySource(String region, String imageId, String name, String description, String ownerKey, String ownerId,
    String ownerAlias, String state, String removedAt) {

  static Optional<CopySource> find(Database db, String region, String imageId) {
    return db.read(h -> h.createQuery("""
            SELECT region, image_id, name, description, coalesce(owner_alias, owner_id) AS owner_key, owner_id,
                   owner_alias, state, removed_at
            FROM images WHERE region = ? AND image_id = ?""")
        .bind(0, region).bind(1, imageId).mapTo(CopySource.class).findOne());
  }

  /** Why this image cannot be copied, or null when it can. */
  String unfit() {
    if (removedAt != null) return "This image is gone from " + region + " (the sync stopped seeing it on " + removedAt + ").";
    if (name == null) return "This image has no name, and a copy needs one.";
    if (!"available".equals(state)) return "This image is " + state + "; only an available image can be copied.";
    return null;
  }

  String label() {
    return name != null ? name : imageId;
  }
}
