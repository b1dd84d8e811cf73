package amicatalog.catalog;

import amicatalog.db.Database;
import amicatalog.indexer.ImageRecord;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** One image with everything the catalog knows about it: fields, bookkeeping, copies, history. */
public record ImageDetail(String region, ImageRecord image, Meta meta, List<Copy> copies, List<Event> history,
    Copy source) {

  public record Meta(long id, String category, int scopes, String firstSeen, String lastChanged,
      String removedAt, String lastSeen) {}

  /** The same image (same owner and name) in a region, or the source image. */
  public record Copy(String region, String imageId, String state, String creationDate, String removedAt) {
    public String url() { return Links.detail(region, imageId); }
  }

  public record Event(String at, String kind, String detail) {}

  static Optional<ImageDetail> find(Database db, String region, String imageId) {
    return db.read(h -> {
      Optional<ImageRecord> image = h.createQuery("SELECT * FROM images WHERE region = ? AND image_id = ?")
          .bind(0, region).bind(1, imageId).map(ConstructorMapper.of(ImageRecord.class)).findOne();
      if (image.isEmpty()) return Optional.<ImageDetail>empty();
      Meta meta = h.createQuery("SELECT id, category, scopes, first_seen, last_changed, removed_at, last_seen "
              + "FROM images WHERE region = ? AND image_id = ?")
          .bind(0, region).bind(1, imageId).map(ConstructorMapper.of(Meta.class)).one();
      ImageRecord i = image.get();
      List<Copy> copies = i.name() == null ? List.of() : h.createQuery("""
              SELECT region, image_id, state, creation_date, removed_at FROM images
              WHERE owner_id = ? AND name = ? AND NOT (region = ? AND image_id = ?)
              ORDER BY removed_at IS NOT NULL, region LIMIT 60""")
          .bind(0, i.ownerId()).bind(1, i.name()).bind(2, region).bind(3, imageId)
          .map(ConstructorMapper.of(Copy.class)).list();
      List<Event> history = h.createQuery("SELECT at, kind, detail FROM image_events WHERE image_row = ? "
          + "ORDER BY id DESC LIMIT 100").bind(0, meta.id()).map(ConstructorMapper.of(Event.class)).list();
      Copy source = i.sourceImageId() == null ? null : h.createQuery("""
              SELECT region, image_id, state, creation_date, removed_at FROM images
              WHERE image_id = ? AND region = coalesce(?, ?)""")
          .bind(0, i.sourceImageId()).bind(1, i.sourceImageRegion()).bind(2, region)
          .map(ConstructorMapper.of(Copy.class)).findOne().orElse(null);
      return Optional.of(new ImageDetail(region, i, meta, copies, history, source));
    });
  }
}
