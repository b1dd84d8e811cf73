package amicatalog.image;

import amicatalog.db.Dialect;
import amicatalog.common.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.Nested;

/**
 * One catalog row: every DescribeImages field as the indexer stored it, and what the catalog
 * itself knows of the image. The detail, compare and launch pages and the JSON API start from it.
 */
public record StoredImage(@Nested ImageRecord image, @Nested Meta meta) {
  /** @param familyKey the image's family as the audit groups it (amzn2-ami-ecs-hvm-*-arm64-ebs), null when it has none */
  public record Meta(long id, String region, String category, int scopes, String firstSeen, String lastChanged,
      String removedAt, String lastSeen, String familyKey) {}

  public static Optional<StoredImage> find(Handle h, String region, String imageId) {
    return h.createQuery("SELECT * FROM images WHERE region = ? AND image_id = ?")
        .bind(0, region).bind(1, imageId).mapTo(StoredImage.class).findOne();
  }

  /** The rows of these images.id values, in the order given (ids with no row are left out). */
  public static List<StoredImage> byRowIds(Handle h, List<Long> rowIds) {
    if (rowIds.isEmpty()) return List.of();
    Map<Long, StoredImage> byId = h.createQuery("SELECT * FROM images WHERE id " + Dialect.of(h).inNumbers("?"))
        .bind(0, Json.write(rowIds)).mapTo(StoredImage.class).stream()
        .collect(Collectors.toMap(s -> s.meta().id(), Function.identity()));
    return rowIds.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
  }
}
