package amicatalog.image;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * One catalog row: every DescribeImages field as the indexer stored it, and what the catalog
 * itself knows of the image. The detail, compare and launch pages all start from it.
 */
public record StoredImage(ImageRecord image, Meta meta) {
  public record Meta(long id, String category, int scopes, String firstSeen, String lastChanged,
      String removedAt, String lastSeen) {}

  public static Optional<StoredImage> find(Handle h, String region, String imageId) {
    return h.createQuery("SELECT * FROM images WHERE region = ? AND image_id = ?")
        .bind(0, region).bind(1, imageId).mapTo(ImageRecord.class).findOne()
        .map(image -> new StoredImage(image, h.createQuery(
                "SELECT id, category, scopes, first_seen, last_changed, removed_at, last_seen FROM images"
                    + " WHERE region = ? AND image_id = ?")
            .bind(0, region).bind(1, imageId).mapTo(Meta.class).one()));
  }
}
