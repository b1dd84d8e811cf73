package amicatalog.image;

import amicatalog.web.Urls;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Which regions hold a copy of one image, and which do not. Two images are copies when they
 * share owner (alias, else account) and name (publishers register the same name in every region,
 * and CopyImage keeps it), or when one names the other as its SourceImageId / SourceImageRegion.
 */
public final class Coverage {
  private Coverage() {}

  /** Another image that is a copy of this one (tombstones too, marked by {@code removedAt}). */
  public record Copy(String region, String imageId, String state, String creationDate, String removedAt) {}

  /** The copies of an image in other regions (and same-named siblings in its own), live ones first. */
  public static List<Copy> copies(Handle h, String region, String imageId, String ownerKey, String name) {
    return h.createQuery("""
            SELECT region, image_id, state, creation_date, removed_at FROM images
            WHERE NOT (region = :region AND image_id = :imageId)
              AND ((name = :name AND coalesce(owner_alias, owner_id) = :owner)
                OR (source_image_id = :imageId AND coalesce(source_image_region, region) = :region))
            ORDER BY removed_at IS NOT NULL, region LIMIT 200""")
        .bind("region", region).bind("imageId", imageId).bind("name", name).bind("owner", ownerKey)
        .mapTo(Copy.class).list();
  }

  /** Every region the catalog covers: synced or imported completely, or holding images. */
  public static List<String> regions(Handle h) {
    TreeSet<String> regions = new TreeSet<>(h.createQuery(
        "SELECT DISTINCT region FROM sync_listings WHERE status = 'ok'").mapTo(String.class).list());
    regions.addAll(h.createQuery("""
            WITH RECURSIVE r(region) AS (
              SELECT min(region) FROM images
              UNION ALL
              SELECT (SELECT min(region) FROM images WHERE region > r.region) FROM r WHERE region IS NOT NULL)
            SELECT region FROM r WHERE region IS NOT NULL""").mapTo(String.class).list());
    return List.copyOf(regions);
  }

  /** The catalog regions that hold no live copy (the image's own region excluded). */
  public static List<String> missing(List<String> regions, String region, List<Copy> copies) {
    Set<String> held = new LinkedHashSet<>();
    held.add(region);
    copies.stream().filter(c -> c.removedAt() == null).forEach(c -> held.add(c.region()));
    return regions.stream().filter(r -> !held.contains(r)).toList();
  }

  /** The copy form of an image. */
  public static String copyUrl(String region, String imageId) {
    return Urls.copy(region, imageId, List.of());
  }
}
