package amicatalog.cleanup;

import amicatalog.common.Json;
import amicatalog.db.Database;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The account's own live images as the clean-up sees them: age, last launch, family standing, snapshots. */
final class OwnedImages {
  private OwnedImages() {}

  /** An owned image as the catalog holds it. */
  record Owned(long id, String region, String imageId, String name, String ownerId, String ownerAlias, String familyKey,
      String creationDate, String lastLaunchedTime, String deprecationTime, String state, String blockDeviceMappings,
      String removedAt) {

    String ownerKey() {
      return ownerAlias != null ? ownerAlias : ownerId;
    }

    /** The EBS snapshots behind the image, with the size of the volume each makes (GiB). */
    List<Snapshot> snapshots() {
      List<Snapshot> snapshots = new ArrayList<>();
      if (blockDeviceMappings == null) return snapshots;
      for (JsonNode m : Json.read(blockDeviceMappings)) {
        JsonNode ebs = m.path("Ebs");
        String id = ebs.path("SnapshotId").asText(null);
        if (id != null && !id.isEmpty()) snapshots.add(new Snapshot(id, ebs.path("VolumeSize").asLong(0), m.path("DeviceName").asText("")));
      }
      return snapshots;
    }

    long gib() {
      return snapshots().stream().mapToLong(Snapshot::gib).sum();
    }

    String label() {
      return name != null ? name : imageId;
    }
  }

  record Snapshot(String snapshotId, long gib, String device) {}

  private static final String COLUMNS = """
      id, region, image_id, name, owner_id, owner_alias, family_key, creation_date, last_launched_time, deprecation_time,
      state, block_device_mappings, removed_at""";

  /** The live images the catalog's accounts own (category private when no account is known). */
  static List<Owned> live(Database db, List<String> accounts) {
    // Without a known account (no AWS access): the private images, which only an owner sees.
    return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM images WHERE removed_at IS NULL AND "
            + "(owner_id " + db.dialect().inTexts(":accounts") + " OR (:none AND category = 'private')) ORDER BY creation_date DESC")
        .bind("accounts", amicatalog.common.Json.write(accounts)).bind("none", accounts.isEmpty()).mapTo(Owned.class).list());
  }

  /** The image a clean-up route's path names; a 404 that says so when the catalog has none. */
  static Owned fromPath(Database db, io.javalin.http.Context ctx) {
    String region = amicatalog.web.PathParams.region(ctx);
    String imageId = amicatalog.web.PathParams.imageId(ctx);
    return find(db, region, imageId).orElseThrow(() -> new io.javalin.http.NotFoundResponse(
        "The catalog has no image " + imageId + " in " + region + ". Search for it, or run a sync."));
  }

  /** Why the catalog's {@code accounts} may not {@code act} (deregister, deprecate) on the image, or null when one may: its owner. */
  static String whyNot(Owned image, List<String> accounts, String act) {
    if (image.removedAt() != null) return "This image is gone from " + image.region() + ".";
    if (!accounts.contains(image.ownerId())) {
      return "This image is owned by " + image.ownerId() + ", which is not " + (accounts.size() == 1 ? "this catalog's account ("
          + accounts.get(0) + ")" : accounts.isEmpty() ? "a known account" : "one of this catalog's accounts") + ": only its owner can "
          + act + " it.";
    }
    return null;
  }

  static Optional<Owned> find(Database db, String region, String imageId) {
    return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM images WHERE region = ? AND image_id = ?")
        .bind(0, region).bind(1, imageId).mapTo(Owned.class).findOne());
  }

  /**
   * How many versions of its family are newer than each image: versions are names, ordered by their
   * newest creation date over the regions (the name rule's or a family rule's family, as the audit groups).
   */
  static Map<Long, Integer> newerVersions(List<Owned> images) {
    Map<String, Map<String, String>> families = new HashMap<>();  // family → name → newest creation date
    for (Owned i : images) {
      if (i.familyKey() == null) continue;
      families.computeIfAbsent(i.ownerKey() + "\u001f" + i.familyKey(), k -> new HashMap<>())
          .merge(i.label(), i.creationDate() == null ? "" : i.creationDate(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    Map<String, List<String>> ordered = new HashMap<>();
    families.forEach((k, names) -> ordered.put(k, names.entrySet().stream()
        .sorted(Map.Entry.<String, String>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey).toList()));
    Map<Long, Integer> newer = new LinkedHashMap<>();
    for (Owned i : images) {
      List<String> names = i.familyKey() == null ? null : ordered.get(i.ownerKey() + "\u001f" + i.familyKey());
      newer.put(i.id(), names == null ? 0 : names.indexOf(i.label()));
    }
    return newer;
  }

  /** Whole days from {@code iso} to now; -1 when unknown. */
  static long daysSince(String iso) {
    if (iso == null) return -1;
    try {
      return Duration.between(Instant.parse(iso), Instant.now()).toDays();
    } catch (java.time.format.DateTimeParseException e) {
      return -1;
    }
  }
}
