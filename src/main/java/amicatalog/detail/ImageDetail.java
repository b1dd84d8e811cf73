package amicatalog.detail;

import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.Coverage;
import amicatalog.image.DerivedFields;
import amicatalog.image.ImageJson;
import amicatalog.image.ImageRecord;
import amicatalog.image.StoredImage;
import amicatalog.web.Urls;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One image with everything the catalog knows about it: fields, bookkeeping, copies, history, and
 * (the demo only) what of it was derived rather than read: {@code derived} null otherwise.
 */
public record ImageDetail(String region, ImageRecord image, StoredImage.Meta meta, List<Copy> copies,
    List<Event> history, Copy source, List<String> missingRegions, DerivedFields derived) {

  /** The same image (same owner and name) in a region, or the source image. */
  public record Copy(String region, String imageId, String state, String creationDate, String removedAt) {
    public String url() { return Urls.detail(region, imageId); }
  }

  public record Event(String at, String kind, String detail) {}

  /**
   * The JSON twin: the image as every API answer gives it ({@link ImageJson}), with the copies
   * (references; each one's own answer has the rest) and the history, its detail as JSON.
   */
  ObjectNode json() {
    ObjectNode body = ImageJson.of(new StoredImage(image, meta));
    ArrayNode copyList = body.putArray("copies");
    for (Copy c : copies) {
      copyList.addObject().put("region", c.region()).put("imageId", c.imageId()).put("removedAt", c.removedAt())
          .put("url", c.url()).put("apiUrl", "/api" + c.url());
    }
    ArrayNode events = body.putArray("history");
    for (Event e : history) {
      ObjectNode event = events.addObject().put("at", e.at()).put("kind", e.kind());
      event.set("detail", e.detail() == null ? null : Json.read(e.detail()));
      if (note(e) != null) event.put("note", note(e));
    }
    return body;
  }

  /** What the demo says beside an event it derived or replayed; null for an event a sync saw. */
  String note(Event e) {
    if (derived == null || !derived.replays(image.ownerId())) return null;
    if (e.kind().startsWith("deprecat") && derived.derives(image.ownerId(), "DeprecationTime")) {
      return derived.note() + ": " + derived.explanation();
    }
    return derived.history();
  }

  /** What the demo says above a history it replayed, else null. */
  String historyNote() {
    return derived == null || history.isEmpty() || !derived.replays(image.ownerId()) ? null : derived.history();
  }

  /** The note beside the image's DeprecationTime when the demo derived it, else null. */
  String deprecationNote() {
    return derived != null && image.deprecationTime() != null && derived.derives(image.ownerId(), "DeprecationTime")
        ? derived.note() : null;
  }

  static Optional<ImageDetail> find(Database db, String region, String imageId) {
    return db.read(h -> {
      Optional<StoredImage> stored = StoredImage.find(h, region, imageId);
      if (stored.isEmpty()) return Optional.<ImageDetail>empty();
      ImageRecord i = stored.get().image();
      StoredImage.Meta meta = stored.get().meta();
      // Copies by the audit's rule: same owner (alias, else account) and name, or made from this image.
      List<amicatalog.image.Coverage.Copy> found = amicatalog.image.Coverage.copies(h, region, imageId,
          i.ownerAlias() != null ? i.ownerAlias() : i.ownerId(), i.name());
      List<Copy> copies = found.stream()
          .map(c -> new Copy(c.region(), c.imageId(), c.state(), c.creationDate(), c.removedAt())).toList();
      List<String> missingRegions = Coverage.missing(Coverage.regions(h), region, found);
      List<Event> history = h.createQuery("SELECT at, kind, detail FROM image_events WHERE image_row = ? "
          + "ORDER BY id DESC LIMIT 100").bind(0, meta.id()).mapTo(Event.class).list();
      Copy source = i.sourceImageId() == null ? null : h.createQuery("""
              SELECT region, image_id, state, creation_date, removed_at FROM images
              WHERE image_id = ? AND region = coalesce(?, ?)""")
          .bind(0, i.sourceImageId()).bind(1, i.sourceImageRegion()).bind(2, region)
          .mapTo(Copy.class).findOne().orElse(null);
      return Optional.of(new ImageDetail(region, i, meta, copies, history, source, missingRegions,
          DerivedFields.of(h).orElse(null)));
    });
  }

  /**
   * The region of an image found by its id alone. EC2 never gives two images the same id, so there
   * is one; should a hand-made catalog hold more, a live one comes first, then by region.
   */
  static Optional<String> regionOf(Database db, String imageId) {
    return db.read(h -> h.createQuery("SELECT region FROM images WHERE image_id = ? ORDER BY removed_at IS NOT NULL, region LIMIT 1")
        .bind(0, imageId).mapTo(String.class).findOne());
  }}
