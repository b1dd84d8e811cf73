package amicatalog.indexer;

import amicatalog.db.Database;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Everything the indexer writes: sync rows, images page by page (one transaction per page), history
 * events and tombstones. An unchanged image costs a read and no write.
 */
final class CatalogWriter {
  private final Database db;

  CatalogWriter(Database db) {
    this.db = db;
  }

  /** Page totals, added to the listing's row as it goes. */
  record PageCounts(int seen, int added, int changed) {}

  private record Existing(long id, String imageId, long contentHash, int scopes, String category, String removedAt) {}

  private record Live(long id, int scopes, Boolean isPublic, String ownerAlias, String productCodes, String category) {}

  long startRun(String trigger) {
    return db.write(h -> h.createUpdate("INSERT INTO sync_runs (trigger, started_at, status) VALUES (?, ?, 'running')")
        .bind(0, trigger).bind(1, now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  void finishRun(long runId, String status, String error) {
    db.write(h -> h.execute("UPDATE sync_runs SET finished_at = ?, status = ?, error = ? WHERE id = ?",
        now(), status, error, runId));
  }

  long startListing(long runId, String region, Scope scope) {
    return db.write(h -> {
      h.execute("CREATE TEMP TABLE IF NOT EXISTS seen (listing_id INTEGER, image_id TEXT, "
          + "PRIMARY KEY (listing_id, image_id)) WITHOUT ROWID");
      return h.createUpdate("INSERT INTO sync_listings (run_id, region, scope, status, started_at) "
              + "VALUES (?, ?, ?, 'running', ?)")
          .bind(0, runId).bind(1, region).bind(2, scope.label()).bind(3, now())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    });
  }

  PageCounts writePage(long listingId, String region, Scope scope, List<ImageRecord> page) {
    if (page.isEmpty()) {
      db.write(h -> h.execute("UPDATE sync_listings SET pages = pages + 1 WHERE id = ?", listingId));
      return new PageCounts(0, 0, 0);
    }
    String now = now();
    return db.write(h -> {
      PreparedBatch seen = h.prepareBatch("INSERT OR IGNORE INTO temp.seen (listing_id, image_id) VALUES (?, ?)");
      for (ImageRecord image : page) seen.add(listingId, image.imageId());
      seen.execute();
      Map<String, Existing> existing = existing(h, region, page);
      int added = 0, changed = 0;
      for (ImageRecord image : page) {
        Existing old = existing.get(image.imageId());
        if (old == null) {
          insert(h, listingId, region, scope, image, now);
          added++;
        } else if (update(h, listingId, scope, image, old, now)) {
          changed++;
        }
      }
      h.execute("UPDATE sync_listings SET pages = pages + 1, seen = seen + ?, added = added + ?, "
          + "changed = changed + ? WHERE id = ?", page.size(), added, changed, listingId);
      return new PageCounts(page.size(), added, changed);
    });
  }

  private static Map<String, Existing> existing(Handle h, String region, List<ImageRecord> page) {
    String ids = Json.write(page.stream().map(ImageRecord::imageId).toList());
    return h.createQuery("""
            SELECT id, image_id, content_hash, scopes, category, removed_at FROM images
            WHERE region = :region AND image_id IN (SELECT value FROM json_each(:ids))""")
        .bind("region", region).bind("ids", ids)
        .map(ConstructorMapper.of(Existing.class)).stream()
        .collect(Collectors.toMap(Existing::imageId, Function.identity()));
  }

  private static void insert(Handle h, long listingId, String region, Scope scope, ImageRecord image, String now) {
    Category category = Category.of(image.isPublic(), image.ownerAlias(), image.productCodes(), scope.bit());
    long id = h.createUpdate("""
            INSERT INTO images (region, image_id, name, description, owner_id, owner_alias, architecture,
              platform, platform_details, usage_operation, virtualization_type, hypervisor, root_device_type,
              root_device_name, image_type, image_location, kernel_id, ramdisk_id, state, state_reason,
              is_public, ena_support, sriov_net_support, boot_mode, imds_support, tpm_support, creation_date,
              deprecation_time, last_launched_time, deregistration_protection, source_image_id,
              source_image_region, source_instance_id, free_tier_eligible, product_codes,
              block_device_mappings, tags, tags_text, category, scopes, content_hash, first_seen, last_changed)
            VALUES (:region, :imageId, :name, :description, :ownerId, :ownerAlias, :architecture,
              :platform, :platformDetails, :usageOperation, :virtualizationType, :hypervisor, :rootDeviceType,
              :rootDeviceName, :imageType, :imageLocation, :kernelId, :ramdiskId, :state, :stateReason,
              :isPublic, :enaSupport, :sriovNetSupport, :bootMode, :imdsSupport, :tpmSupport, :creationDate,
              :deprecationTime, :lastLaunchedTime, :deregistrationProtection, :sourceImageId,
              :sourceImageRegion, :sourceInstanceId, :freeTierEligible, :productCodes,
              :blockDeviceMappings, :tags, :tagsText, :category, :scopes, :hash, :now, :now)""")
        .bindMethods(image)
        .bind("region", region).bind("category", category.label()).bind("scopes", scope.bit())
        .bind("hash", image.contentHash()).bind("now", now)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    event(h, id, now, "appeared", null, listingId);
  }

  /** Brings a known row up to date; true when something a user would see changed. */
  private static boolean update(Handle h, long listingId, Scope scope, ImageRecord image, Existing old, String now) {
    int scopes = old.scopes() | scope.bit();
    long hash = image.contentHash();
    String category = Category.of(image.isPublic(), image.ownerAlias(), image.productCodes(), scopes).label();
    boolean sameContent = hash == old.contentHash();
    if (sameContent && scopes == old.scopes() && category.equals(old.category()) && old.removedAt() == null) {
      return false;
    }
    Map<String, List<Object>> diff = sameContent ? new LinkedHashMap<>() : diff(h, old.id(), image);
    if (!category.equals(old.category())) diff.put("category", java.util.Arrays.asList(old.category(), category));
    boolean visible = !diff.isEmpty() || old.removedAt() != null;
    h.createUpdate("""
            UPDATE images SET
              name = :name, description = :description, owner_id = :ownerId, owner_alias = :ownerAlias,
              architecture = :architecture, platform = :platform, platform_details = :platformDetails,
              usage_operation = :usageOperation, virtualization_type = :virtualizationType,
              hypervisor = :hypervisor, root_device_type = :rootDeviceType, root_device_name = :rootDeviceName,
              image_type = :imageType, image_location = :imageLocation, kernel_id = :kernelId,
              ramdisk_id = :ramdiskId, state = :state, state_reason = :stateReason, is_public = :isPublic,
              ena_support = :enaSupport, sriov_net_support = :sriovNetSupport, boot_mode = :bootMode,
              imds_support = :imdsSupport, tpm_support = :tpmSupport, creation_date = :creationDate,
              deprecation_time = :deprecationTime, last_launched_time = :lastLaunchedTime,
              deregistration_protection = :deregistrationProtection, source_image_id = :sourceImageId,
              source_image_region = :sourceImageRegion, source_instance_id = :sourceInstanceId,
              free_tier_eligible = :freeTierEligible, product_codes = :productCodes,
              block_device_mappings = :blockDeviceMappings, tags = :tags, tags_text = :tagsText,
              content_hash = :hash, category = :category, scopes = :scopes, removed_at = NULL, last_seen = NULL,
             last_changed = CASE WHEN :visible THEN :now ELSE last_changed END
            WHERE id = :id""")
        .bindMethods(image)
        .bind("hash", hash).bind("category", category).bind("scopes", scopes)
        .bind("visible", visible).bind("now", now).bind("id", old.id())
        .execute();
    if (old.removedAt() != null) event(h, old.id(), now, "appeared", null, listingId);
    List<Object> deprecation = diff.remove("deprecationTime");
    if (deprecation != null && deprecation.get(0) == null) {
      event(h, old.id(), now, "deprecated", Json.write(Map.of("deprecationTime", deprecation.get(1))), listingId);
    } else if (deprecation != null) {
      diff.put("deprecationTime", deprecation);
    }
    if (!diff.isEmpty()) event(h, old.id(), now, "changed", Json.write(diff), listingId);
    return visible;
  }

  /** Field by field, what differs between the stored row and the new image: {field: [old, new]}. */
  private static Map<String, List<Object>> diff(Handle h, long id, ImageRecord image) {
    ImageRecord stored = h.createQuery("SELECT * FROM images WHERE id = ?").bind(0, id)
        .map(ConstructorMapper.of(ImageRecord.class)).one();
    Map<String, List<Object>> diff = new LinkedHashMap<>();
    for (RecordComponent c : ImageRecord.class.getRecordComponents()) {
      if (c.getName().equals("tagsText")) continue;  // derived from tags
      try {
        Object before = c.getAccessor().invoke(stored), after = c.getAccessor().invoke(image);
        if (!Objects.equals(before, after)) diff.put(c.getName(), java.util.Arrays.asList(before, after));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return diff;
  }

  /**
   * Ends a listing. Only a complete one may tombstone: an image it did not see loses this scope,
   * and an image no scope sees any more becomes a tombstone with a 'removed' event.
   */
  int finishListing(long listingId, String region, Scope scope, boolean complete, String error) {
    return db.write(h -> {
      int removed = 0;
      if (complete) {
        String previous = h.createQuery("""
                SELECT max(started_at) FROM sync_listings
                WHERE region = ? AND scope = ? AND complete = 1 AND id <> ?""")
            .bind(0, region).bind(1, scope.label()).bind(2, listingId).mapTo(String.class).findOne().orElse(null);
        List<Live> unseen = h.createQuery("""
                SELECT id, scopes, is_public, owner_alias, product_codes, category FROM images
                WHERE region = :region AND removed_at IS NULL AND (scopes & :bit) <> 0
                  AND image_id NOT IN (SELECT image_id FROM temp.seen WHERE listing_id = :listing)""")
            .bind("region", region).bind("bit", scope.bit()).bind("listing", listingId)
            .map(ConstructorMapper.of(Live.class)).list();
        String now = now();
        for (Live live : unseen) {
          int scopes = live.scopes() & ~scope.bit();
          if (scopes == 0) {
            h.execute("UPDATE images SET scopes = 0, removed_at = ?, last_seen = ?, last_changed = ? WHERE id = ?",
                now, previous, now, live.id());
            event(h, live.id(), now, "removed", null, listingId);
            removed++;
          } else {
            String category = Category.of(live.isPublic(), live.ownerAlias(), live.productCodes(), scopes).label();
            h.execute("UPDATE images SET scopes = ?, category = ? WHERE id = ?", scopes, category, live.id());
            if (!category.equals(live.category())) {
              event(h, live.id(), now, "changed",
                  Json.write(Map.of("category", List.of(live.category(), category))), listingId);
            }
          }
        }
      }
      h.execute("DELETE FROM temp.seen WHERE listing_id = ?", listingId);
      h.execute("UPDATE sync_listings SET status = ?, complete = ?, removed = ?, error = ?, finished_at = ? "
          + "WHERE id = ?", error == null ? "ok" : "failed", complete, removed, error, now(), listingId);
      return removed;
    });
  }

  boolean catalogIsEmpty() {
    return db.read(h -> h.createQuery("SELECT NOT EXISTS (SELECT 1 FROM images)").mapTo(Boolean.class).one());
  }

  private static void event(Handle h, long imageRow, String at, String kind, String detail, long listingId) {
    h.execute("INSERT INTO image_events (image_row, at, kind, detail, listing_id) VALUES (?, ?, ?, ?, ?)",
        imageRow, at, kind, detail, listingId);
  }

  static String now() {
    return Instant.now().toString();
  }

}
