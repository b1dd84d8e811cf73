package amicatalog.compare;

import amicatalog.db.Database;
import amicatalog.image.ImageRecord;
import amicatalog.image.StoredImage;
import java.util.List;
import java.util.Optional;

/** What compare reads from the store: an image with its catalog bookkeeping and latest events. */
final class CompareQueries {
  static final int EVENTS_SHOWN = 5;

  private CompareQueries() {}

  record Event(String at, String kind) {}

  /** One compared image: every DescribeImages field, how the catalog sees it, and its history. */
  record Compared(ImageKey key, ImageRecord image, StoredImage.Meta meta, List<Event> events) {}

  static Optional<Compared> find(Database db, ImageKey key) {
    return db.read(h -> {
      Optional<StoredImage> stored = StoredImage.find(h, key.region(), key.imageId());
      if (stored.isEmpty()) return Optional.<Compared>empty();
      StoredImage.Meta meta = stored.get().meta();
      List<Event> events = h.createQuery("SELECT at, kind FROM image_events WHERE image_row = ? ORDER BY id DESC LIMIT ?")
          .bind(0, meta.id()).bind(1, EVENTS_SHOWN).mapTo(Event.class).list();
      return Optional.of(new Compared(key, stored.get().image(), meta, events));
    });
  }

  /** The regions whose catalog rows carry this image id (normally one: AMI ids are unique across regions). */
  static List<String> regionsOf(Database db, String imageId) {
    return db.read(h -> h.createQuery("SELECT region FROM images WHERE image_id = ? ORDER BY region LIMIT 10")
        .bind(0, imageId).mapTo(String.class).list());
  }
}
