package amicatalog.actions;

import amicatalog.common.Json;
import amicatalog.db.Database;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Image copies and creations in the {@code actions} table, the log launches are kept in too
 * (kinds 'copy' and 'create-image'). A row is claimed before EC2 is called ({@link ActionClaims}),
 * so a resubmitted confirmation finds the row instead of copying twice.
 * Status: pending (asked; the new image is being made) → available | failed.
 */
public final class ActionLog {
  public static final String COPY = "copy";
  public static final String CREATE = "create-image";
  public static final String PENDING = ActionClaims.PENDING;
  public static final String AVAILABLE = "available";
  public static final String FAILED = ActionClaims.FAILED;

  private ActionLog() {}

  /**
   * One row. For a copy, {@code region} is the target, {@code imageId} the source image and
   * {@code result.newImageId} the copy; for a creation, {@code imageId} is the new image.
   */
  public record Entry(long id, String kind, String createdAt, String updatedAt, String who, String region, String imageId,
      String sourceRegion, String request, String clientToken, String status, String result, String error) {

    /** The image the action made, once EC2 named it. */
    public String newImageId() {
      if (CREATE.equals(kind)) return imageId;
      return result == null ? null : Json.read(result).path("newImageId").asText(null);
    }

    public String requestField(String field) {
      return Json.read(request).path(field).asText("");
    }
  }

  /** Claims the token's row for a copy or a creation (see {@link ActionClaims#claimOrRetry}): its id, or empty when taken. */
  public static Optional<Long> claim(Database db, String kind, String who, String region, String imageId, String sourceRegion,
      Map<String, ?> request, String token) {
    return ActionClaims.claimOrRetry(db, new ActionClaims.Action(kind, who, region, imageId, sourceRegion, Json.write(request)), token);
  }

  /** EC2 accepted: the new image's id is known (a creation keeps it in image_id). */
  public static void accepted(Database db, long id, String kind, String newImageId) {
    db.write(h -> CREATE.equals(kind)
        ? h.execute("UPDATE actions SET image_id = ?, updated_at = ? WHERE id = ?", newImageId, Instant.now().toString(), id)
        : h.execute("UPDATE actions SET result = ?, updated_at = ? WHERE id = ?",
            Json.write(Map.of("newImageId", newImageId)), Instant.now().toString(), id));
  }

  public static void settle(Database db, Entry e, String status, String state, String error) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (e.result() != null) Json.read(e.result()).fields().forEachRemaining(f -> result.put(f.getKey(), f.getValue()));
    if (state != null) result.put("state", state);
    db.write(h -> h.execute("UPDATE actions SET status = ?, result = ?, error = ?, updated_at = ? WHERE id = ?",
        status, result.isEmpty() ? null : Json.write(result), error, Instant.now().toString(), e.id()));
  }

  public static void failed(Database db, long id, String error) {
    db.write(h -> h.execute("UPDATE actions SET status = ?, error = ?, updated_at = ? WHERE id = ?",
        FAILED, error, Instant.now().toString(), id));
  }

  public static Optional<Entry> byToken(Database db, String token) {
    return db.read(h -> h.createQuery("SELECT * FROM actions WHERE client_token = ?").bind(0, token)
        .mapTo(Entry.class).findOne());
  }

  /**
   * The copies of one image asked for and not failed, pending or made: until a sync lists them,
   * the catalog does not know they exist, and must not offer to copy there again.
   */
  public static List<Entry> copiesUnderWay(Database db, String sourceRegion, String imageId) {
    return db.read(h -> h.createQuery("SELECT * FROM actions WHERE kind = 'copy' AND source_region = ? AND image_id = ? "
            + "AND status IN ('pending', 'available') ORDER BY id").bind(0, sourceRegion).bind(1, imageId)
        .mapTo(Entry.class).list());
  }

  /** The newest copies and creations. */
  public static List<Entry> recent(Database db, int limit) {
    return db.read(h -> h.createQuery("SELECT * FROM actions WHERE kind IN ('copy', 'create-image') "
            + "ORDER BY id DESC LIMIT ?").bind(0, limit).mapTo(Entry.class).list());
  }

  public static List<Entry> pending(Database db) {
    return db.read(h -> h.createQuery("SELECT * FROM actions WHERE kind IN ('copy', 'create-image') AND status = ? "
            + "ORDER BY id").bind(0, PENDING).mapTo(Entry.class).list());
  }

  /**
   * The action a confirmation just ran, as the page it redirects to names it ({@code ?done=ID}), if
   * it is one of {@code kinds}; empty without the parameter; a 400 for one that is not a number.
   */
  public static Optional<Entry> done(Database db, io.javalin.http.Context ctx, List<String> kinds) {
    String done = ctx.queryParam("done");
    if (done == null) return Optional.empty();
    long id;
    try {
      id = Long.parseLong(done);
    } catch (NumberFormatException e) {
      throw new io.javalin.http.BadRequestResponse("done takes the number of an action, as the confirmation gave it.");
    }
    return db.read(h -> h.createQuery("SELECT * FROM actions WHERE id = ? AND kind " + db.dialect().inTexts("?"))
        .bind(0, id).bind(1, Json.write(kinds)).mapTo(Entry.class).findOne());
  }

  /** Which of these (region, image id) pairs the catalog holds as live images: "region/id". */
  public static java.util.Set<String> indexed(Database db, List<List<String>> regionAndId) {
    if (regionAndId.isEmpty()) return java.util.Set.of();
    return new java.util.HashSet<>(db.read(h -> h.createQuery("""
            SELECT i.region || '/' || i.image_id FROM %s CROSS JOIN images i
            WHERE i.region = p.value ->> 0 AND i.image_id = p.value ->> 1 AND i.removed_at IS NULL""".formatted(db.dialect().tuples(":pairs", "p")))
        .bind("pairs", Json.write(regionAndId)).mapTo(String.class).list()));
  }
}
