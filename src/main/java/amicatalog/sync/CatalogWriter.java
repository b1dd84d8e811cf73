package amicatalog.sync;

import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.db.Dialect;
import amicatalog.image.Category;
import amicatalog.image.FamilyRules;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import java.lang.reflect.RecordComponent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Everything the indexer writes: sync rows, images page by page (one transaction per page), history
 * events and tombstones. An unchanged image costs a read and no write.
 */
final class CatalogWriter {
  private final Database db;

  CatalogWriter(Database db) {
    this.db = db;
  }

  /**
   * Page totals, added to the listing's row as it goes. {@code seen} counts distinct images;
   * {@code duplicates} the records that repeated an image id this listing had already listed.
   */
  record PageCounts(int seen, int added, int changed, int duplicates) {}

  private record Existing(long id, String imageId, long contentHash, int scopes, String category, String removedAt) {}

  private record Live(long id, int scopes, Boolean isPublic, String ownerAlias, String productCodes, String category) {}

  long startRun(String trigger) {
    return db.write(h -> h.createUpdate("INSERT INTO sync_runs (trigger, started_at, status, host, pid) VALUES (?, ?, 'running', ?, ?)")
        .bind(0, trigger).bind(1, now()).bind(2, HOST).bind(3, ProcessHandle.current().pid())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  /** A run whose listings sync workers take from the queue: no process owns it (no host, no pid). */
  long startQueuedRun(String trigger) {
    return db.write(h -> h.createUpdate("INSERT INTO sync_runs (trigger, started_at, status) VALUES (?, ?, 'running')")
        .bind(0, trigger).bind(1, now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  /** This machine's name, to tell whose process a running run belongs to. */
  static final String HOST = hostName();

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  private record Running(long id, long pid, String startedAt) {}

  /**
   * Ends as failed the runs still marked running whose process on this host is gone (killed or
   * crashed mid-run): their listings were never complete, so they removed nothing, and the next run
   * completes them. Answers how many.
   */
  int endRunsOfDeadProcesses() {
    List<Running> running = db.read(h -> h.createQuery(
            "SELECT id, pid, started_at FROM sync_runs WHERE status = 'running' AND host = ? AND pid IS NOT NULL")
        .bind(0, HOST).mapTo(Running.class).list());
    int ended = 0;
    for (Running r : running) {
      boolean alive = ProcessHandle.of(r.pid()).map(p -> p.isAlive()
          && p.info().startInstant().map(t -> !t.isAfter(java.time.Instant.parse(r.startedAt()))).orElse(true)).orElse(false);
      if (alive) continue;
      finishRun(r.id(), "failed", "The process running this sync (pid " + r.pid() + ") stopped before the run ended"
          + " (killed, crashed or out of disk space). Nothing was marked removed; the next sync completes it.");
      db.write(h -> h.execute("UPDATE sync_listings SET status = 'failed', error = 'the sync process stopped', finished_at = ?"
          + " WHERE run_id = ? AND finished_at IS NULL", now(), r.id()));
      ended++;
    }
    return ended;
  }

  void finishRun(long runId, String status, String error) {
    finishRun(runId, status, error, 0);
  }

  /** {@code awsCalls}: the calls the run made to AWS (0 for a source of no account). */
  void finishRun(long runId, String status, String error, long awsCalls) {
    db.write(h -> h.execute("UPDATE sync_runs SET finished_at = ?, status = ?, error = ?, aws_calls = ? WHERE id = ?",
        now(), status, error, awsCalls == 0 ? null : awsCalls, runId));
  }

  /** {@code account} is the account listing (null: a source of no account, such as an import). */
  long startListing(long runId, String account, String region, Scope scope) {
    long listingId = db.write(h -> h.createUpdate("INSERT INTO sync_listings (run_id, account_id, region, scope, status, started_at) "
            + "VALUES (?, ?, ?, ?, 'running', ?)")
        .bind(0, runId).bind(1, account).bind(2, region).bind(3, scope.label()).bind(4, now())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    seen.put(listingId, new BitSet());
    return listingId;
  }

  /**
   * The rows each running listing has listed, by row id: what it did not list, it may mark removed
   * when complete. A bit a row (125 KB for a million), where a temporary table of image ids cost
   * an insert of every id in every page under the write lock.
   */
  private final Map<Long, BitSet> seen = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * An image of a page with its hash, worked out before the write lock is taken, and what its row
   * is written with: on a cold load (every image new) worked out before the lock too, else only
   * for the few images that are new or changed.
   */
  private static final class Prepared {
    final ImageRecord image;
    final long hash;
    private String familyKey;
    private Boolean deprecatedAlready;

    Prepared(ImageRecord image, boolean keyNow, String now) {
      this.image = image;
      this.hash = image.contentHash();
      if (keyNow) {
        familyKey();
        deprecatedAlready(now);
      }
    }

    String familyKey() {
      if (familyKey == null && image.name() != null) familyKey = FamilyRules.BUILT_IN.key(image);
      return familyKey;
    }

    /** Deprecated already when first seen: the 'appeared' event says it all; a future date is noted when it passes. */
    boolean deprecatedAlready(String now) {
      if (deprecatedAlready == null) deprecatedAlready = Deprecations.passed(image.deprecationTime(), now);
      return deprecatedAlready;
    }
  }

  /**
   * Writes one page. On a cold load into an empty catalog no 'appeared' events are written: every
   * image would have one, saying no more than its first_seen; history starts after the first load.
   */
  PageCounts writePage(long listingId, String account, String region, Scope scope, List<ImageRecord> listed, boolean coldLoad) {
    if (listed.isEmpty()) {
      db.write(h -> h.execute("UPDATE sync_listings SET pages = pages + 1 WHERE id = ?", listingId));
      return new PageCounts(0, 0, 0, 0);
    }
    // A source may list an image id twice (a hand-made or concatenated describe-images file): the
    // last record of it counts, the others are counted as duplicates, and the listing goes on.
    List<ImageRecord> page = lastOfEachId(listed);
    int repeatedInPage = listed.size() - page.size();
    String now = now();
    // Outside the write lock, so that the regions' threads hash and key in parallel while one writes.
    List<Prepared> prepared = new ArrayList<>(page.size());
    for (ImageRecord image : page) prepared.add(new Prepared(image, coldLoad, now));
    String ids = Json.write(page.stream().map(ImageRecord::imageId).toList());
    BitSet listedRows = seen.get(listingId);
    return db.write(h -> {
      Map<String, Existing> existing = existing(h, region, ids);
      List<Prepared> fresh = new ArrayList<>();
      int changed = 0;
      // Ids an earlier page of this listing had: written again below, so the later record wins.
      int repeatedFromEarlierPages = 0;
      for (Prepared p : prepared) {
        Existing old = existing.get(p.image.imageId());
        if (old == null) {
          fresh.add(p);
          continue;
        }
        if (listedRows.get(Math.toIntExact(old.id()))) repeatedFromEarlierPages++;
        listedRows.set(Math.toIntExact(old.id()));
        if (update(h, listingId, scope, p, old, now)) changed++;
      }
      long[] rows = fresh.isEmpty() ? new long[0] : insert(h, listingId, region, scope, fresh, now, !coldLoad);
      for (long r : rows) listedRows.set(Math.toIntExact(r));
      if (account != null && scope.isPersonal()) {
        List<Long> pageRows = new ArrayList<>(page.size());
        existing.values().forEach(e -> pageRows.add(e.id()));
        for (long r : rows) pageRows.add(r);
        sighted(h, account, scope, pageRows);
      }
      int firstListed = page.size() - repeatedFromEarlierPages;
      int duplicates = repeatedInPage + repeatedFromEarlierPages;
      h.execute("UPDATE sync_listings SET pages = pages + 1, seen = seen + ?, added = added + ?, "
          + "changed = changed + ?, duplicates = duplicates + ? WHERE id = ?",
          firstListed, fresh.size(), changed, duplicates, listingId);
      return new PageCounts(firstListed, fresh.size(), changed, duplicates);
    });
  }

  /**
   * Records that the account sees these rows in this scope. Writes only a sighting that is new or
   * gains the bit: an unchanged re-sync writes nothing here either.
   */
  private static void sighted(Handle h, String account, Scope scope, List<Long> rows) {
    h.execute("""
        INSERT INTO image_sightings (image_row, account_id, scopes) SELECT r.value, ?, ? FROM %s WHERE true
        ON CONFLICT (image_row, account_id) DO UPDATE SET scopes = image_sightings.scopes | excluded.scopes
        WHERE (image_sightings.scopes & excluded.scopes) = 0""".formatted(Dialect.of(h).numbers("?", "r")),
        account, scope.bit(), Json.write(rows));
  }

  /**
   * Gives the sightings of the catalog's own and shared images, from before the catalog knew
   * accounts (V14), to the account that listed them then: the credentials' own. Done once, at the
   * first sync that records accounts; a later listing of that account keeps or drops them as usual.
   */
  void adoptUnattributed(String account) {
    int personal = Scope.SELF.bit() | Scope.SHARED.bit();
    db.write(h -> h.execute("""
        INSERT INTO image_sightings (image_row, account_id, scopes)
        SELECT id, ?, scopes & ? FROM images
        WHERE removed_at IS NULL AND (scopes & ?) <> 0 AND NOT EXISTS (SELECT 1 FROM image_sightings s WHERE s.image_row = images.id)
        ON CONFLICT DO NOTHING""", account, personal, personal));
  }

  /** Whether no sync has recorded its accounts yet (a new catalog, or one from before V14). */
  boolean knowsNoAccounts() {
    return db.read(h -> h.createQuery("SELECT NOT EXISTS (SELECT 1 FROM accounts)").mapTo(Boolean.class).one());
  }

  /** Keeps the accounts a run listed through, with their labels and roles as configured now. */
  void noteAccounts(List<amicatalog.aws.Account> accounts, String organizationId) {
    String now = now();
    db.write(h -> {
      for (amicatalog.aws.Account a : accounts) {
        h.execute("""
            INSERT INTO accounts (id, label, role_arn, origin, updated_at, organization_id) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET label = excluded.label, role_arn = excluded.role_arn, origin = excluded.origin,
              updated_at = excluded.updated_at, organization_id = coalesce(excluded.organization_id, accounts.organization_id)""",
            a.id(), a.label(), a.roleArn(), a.origin().label(), now,
            a.origin() == amicatalog.aws.Account.Origin.ORGANIZATION || a.roleArn() == null ? organizationId : null);
      }
      return null;
    });
  }

  /** The page with each image id once, at its first place, holding its last record. */
  private static List<ImageRecord> lastOfEachId(List<ImageRecord> page) {
    Map<String, ImageRecord> byId = new LinkedHashMap<>();
    for (ImageRecord image : page) byId.put(image.imageId(), image);
    return byId.size() == page.size() ? page : new ArrayList<>(byId.values());
  }

  /**
   * The page's images the region has already, by image id. On plain JDBC, columns read by position:
   * this runs once a page, and a re-sync that changes nothing is mostly this lookup (mapping the
   * rows by column name cost a tenth of such a re-sync).
   */
  private static Map<String, Existing> existing(Handle h, String region, String ids) {
    Map<String, Existing> found = new HashMap<>();
    try (PreparedStatement ps = h.getConnection().prepareStatement(
        "SELECT id, image_id, content_hash, scopes, category, removed_at FROM images WHERE region = ? AND image_id "
            + Dialect.of(h).inTexts("?"))) {
      ps.setString(1, region);
      ps.setString(2, ids);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          Existing e = new Existing(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getString(6));
          found.put(e.imageId(), e);
        }
      }
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
    return found;
  }

  /** The images columns an insert takes from the record, in the record's order. */
  private static final Map<String, Function<ImageRecord, Object>> COLUMNS = columns();

  private static final String INSERT = "INSERT INTO images (region, " + String.join(", ", COLUMNS.keySet())
      + ", category, scopes, content_hash, first_seen, last_changed, family_key, deprecation_noted) VALUES (?, "
      + "?, ".repeat(COLUMNS.size()) + "?, ?, ?, ?, ?, ?, ?)";

  /**
   * Inserts a page's new images through one prepared statement, then their 'appeared' events in
   * one statement: per image only binding and a step. (Preparing and binding by name per image,
   * and fetching each generated id for its event, cost 3x the insert itself.) Answers the row ids
   * given, in the page's order: SQLite numbers one writer's batch one after another, so its first
   * and last are enough to know; on PostgreSQL, where other processes insert at the same time, they
   * are drawn from the table's sequence before the page is copied in.
   */
  private static long[] insert(Handle h, long listingId, String region, Scope scope, List<Prepared> fresh, String now,
      boolean withEvents) {
    Dialect dialect = Dialect.of(h);
    long[] ids;
    if (dialect == Dialect.POSTGRESQL) {
      ids = copied(h, region, scope, fresh, now);
    } else try (PreparedStatement ps = h.getConnection().prepareStatement(INSERT)) {
      for (Prepared p : fresh) {
        ImageRecord image = p.image;
        int c = 1;
        ps.setString(c++, region);
        for (Function<ImageRecord, Object> column : COLUMNS.values()) ps.setObject(c++, column.apply(image));
        ps.setString(c++, Category.of(image.isPublic(), image.ownerAlias(), image.productCodes(), scope.bit()).label());
        ps.setInt(c++, scope.bit());
        ps.setLong(c++, p.hash);
        ps.setString(c++, now);
        ps.setString(c++, now);
        ps.setString(c++, p.familyKey());  // the region audit's grouping (migration V3)
        ps.setString(c, p.deprecatedAlready(now) ? image.deprecationTime() : null);
        ps.addBatch();
      }
      ps.executeBatch();
      ids = numberedInOrder(h, region, fresh);
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
    if (withEvents && ids.length > 0) {
      long first = java.util.Arrays.stream(ids).min().getAsLong(), last = java.util.Arrays.stream(ids).max().getAsLong();
      if (last - first == ids.length - 1) {  // the usual case: the page's ids follow one another, a range is cheapest
        h.execute("INSERT INTO image_events (image_row, at, kind, detail, listing_id) "
            + "SELECT id, ?, 'appeared', NULL, ? FROM images WHERE id BETWEEN ? AND ? ORDER BY id", now, listingId, first, last);
      } else {
        h.execute("INSERT INTO image_events (image_row, at, kind, detail, listing_id) "
            + "SELECT id, ?, 'appeared', NULL, ? FROM images WHERE id " + dialect.inNumbers("?") + " ORDER BY id",
            now, listingId, Json.write(ids));
      }
    }
    return ids;
  }

  /** SQLite's row ids of the batch just inserted: one after another, up to the last it gave. */
  private static long[] numberedInOrder(Handle h, String region, List<Prepared> fresh) throws SQLException {
    long last;
    try (var s = h.getConnection().createStatement(); var r = s.executeQuery("SELECT last_insert_rowid()")) {
      r.next();
      last = r.getLong(1);
    }
    long first = last - fresh.size() + 1;
    // Never seen; the bit set of listed rows depends on it. The first and last rows are enough to
    // look at: counting the batch's rows read them all again (3 ms a page, a tenth of a cold load's writes).
    List<String> ends = h.createQuery("SELECT image_id FROM images WHERE id IN (?, ?) AND region = ? ORDER BY id")
        .bind(0, first).bind(1, last).bind(2, region).mapTo(String.class).list();
    List<String> expected = first == last ? List.of(fresh.get(0).image.imageId())
        : List.of(fresh.get(0).image.imageId(), fresh.get(fresh.size() - 1).image.imageId());
    if (!ends.equals(expected)) throw new IllegalStateException("the new images' rows were not numbered one after another");
    return java.util.stream.LongStream.rangeClosed(first, last).toArray();
  }

  /**
   * PostgreSQL: the page's new rows in one COPY (the driver's CopyManager), which takes rows several
   * times faster than inserts do. COPY gives no ids back, so they are drawn from the table's own
   * sequence first: other processes (sync workers) draw from it at the same time.
   */
  private static long[] copied(Handle h, String region, Scope scope, List<Prepared> fresh, String now) {
    long[] ids = h.createQuery("SELECT nextval(pg_get_serial_sequence('images', 'id')) FROM generate_series(1, ?)")
        .bind(0, fresh.size()).mapTo(Long.class).stream().mapToLong(Long::longValue).toArray();
    StringBuilder rows = new StringBuilder(fresh.size() * 1_500);
    for (int i = 0; i < fresh.size(); i++) {
      Prepared p = fresh.get(i);
      ImageRecord image = p.image;
      rows.append(ids[i]).append(',');
      csv(rows, region);
      for (Function<ImageRecord, Object> column : COLUMNS.values()) csv(rows.append(','), column.apply(image));
      csv(rows.append(','), Category.of(image.isPublic(), image.ownerAlias(), image.productCodes(), scope.bit()).label());
      rows.append(',').append(scope.bit()).append(',').append(p.hash).append(',');
      csv(rows, now);
      csv(rows.append(','), now);
      csv(rows.append(','), p.familyKey());
      csv(rows.append(','), p.deprecatedAlready(now) ? image.deprecationTime() : null);
      rows.append('\n');
    }
    try {
      new org.postgresql.copy.CopyManager(h.getConnection().unwrap(org.postgresql.core.BaseConnection.class))
          .copyIn(COPY, new java.io.StringReader(rows.toString()));
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("cannot store the page's new images: " + e.getMessage(), e);
    }
    return ids;
  }

  private static final String COPY = "COPY images (id, region, " + String.join(", ", COLUMNS.keySet())
      + ", category, scopes, content_hash, first_seen, last_changed, family_key, deprecation_noted) FROM STDIN (FORMAT csv)";

  /** A value as COPY's CSV reads it: nothing for null, a text quoted (its quotes doubled), a flag as t or f. */
  private static void csv(StringBuilder out, Object value) {
    if (value == null) return;
    if (value instanceof Boolean b) {
      out.append(b ? 't' : 'f');
    } else if (value instanceof Number n) {
      out.append(n);
    } else {
      String text = value.toString();
      out.append('"');
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"') out.append('"');
        out.append(c);
      }
      out.append('"');
    }
  }

  private static Map<String, Function<ImageRecord, Object>> columns() {
    Map<String, Function<ImageRecord, Object>> c = new LinkedHashMap<>();
    c.put("image_id", ImageRecord::imageId);
    c.put("name", ImageRecord::name);
    c.put("description", ImageRecord::description);
    c.put("owner_id", ImageRecord::ownerId);
    c.put("owner_alias", ImageRecord::ownerAlias);
    c.put("architecture", ImageRecord::architecture);
    c.put("platform", ImageRecord::platform);
    c.put("platform_details", ImageRecord::platformDetails);
    c.put("usage_operation", ImageRecord::usageOperation);
    c.put("virtualization_type", ImageRecord::virtualizationType);
    c.put("hypervisor", ImageRecord::hypervisor);
    c.put("root_device_type", ImageRecord::rootDeviceType);
    c.put("root_device_name", ImageRecord::rootDeviceName);
    c.put("image_type", ImageRecord::imageType);
    c.put("image_location", ImageRecord::imageLocation);
    c.put("kernel_id", ImageRecord::kernelId);
    c.put("ramdisk_id", ImageRecord::ramdiskId);
    c.put("state", ImageRecord::state);
    c.put("state_reason", ImageRecord::stateReason);
    c.put("is_public", ImageRecord::isPublic);
    c.put("ena_support", ImageRecord::enaSupport);
    c.put("sriov_net_support", ImageRecord::sriovNetSupport);
    c.put("boot_mode", ImageRecord::bootMode);
    c.put("imds_support", ImageRecord::imdsSupport);
    c.put("tpm_support", ImageRecord::tpmSupport);
    c.put("creation_date", ImageRecord::creationDate);
    c.put("deprecation_time", ImageRecord::deprecationTime);
    c.put("last_launched_time", ImageRecord::lastLaunchedTime);
    c.put("deregistration_protection", ImageRecord::deregistrationProtection);
    c.put("source_image_id", ImageRecord::sourceImageId);
    c.put("source_image_region", ImageRecord::sourceImageRegion);
    c.put("source_instance_id", ImageRecord::sourceInstanceId);
    c.put("free_tier_eligible", ImageRecord::freeTierEligible);
    c.put("product_codes", ImageRecord::productCodes);
    c.put("block_device_mappings", ImageRecord::blockDeviceMappings);
    c.put("tags", ImageRecord::tags);
    c.put("tags_text", ImageRecord::tagsText);
    c.put("image_allowed", ImageRecord::imageAllowed);  // these five: migration V7
    c.put("public_ssm_parameter_name", ImageRecord::publicSsmParameterName);
    c.put("image_watermarks", ImageRecord::imageWatermarks);
    c.put("other_fields", ImageRecord::otherFields);
    c.put("times_as_given", ImageRecord::timesAsGiven);
    if (c.size() != ImageRecord.class.getRecordComponents().length) {
      throw new IllegalStateException("CatalogWriter.columns() lacks an ImageRecord field");
    }
    return c;
  }

  /** Brings a known row up to date; true when something a user would see changed. */
  private static boolean update(Handle h, long listingId, Scope scope, Prepared p, Existing old, String now) {
    ImageRecord image = p.image;
    long hash = p.hash;
    int scopes = old.scopes() | scope.bit();
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
              image_allowed = :imageAllowed, public_ssm_parameter_name = :publicSsmParameterName,
              image_watermarks = :imageWatermarks, other_fields = :otherFields, times_as_given = :timesAsGiven,
              content_hash = :hash, category = :category, scopes = :scopes, removed_at = NULL, last_seen = NULL,
              family_key = :familyKey,
              deprecation_noted = CASE WHEN :deprecationMoved THEN :deprecationNoted ELSE deprecation_noted END,
              last_changed = CASE WHEN :visible THEN :now ELSE last_changed END
            WHERE id = :id""")
        .bindMethods(image)
        .bind("hash", hash).bind("category", category).bind("scopes", scopes)
        .bind("visible", visible).bind("now", now).bind("id", old.id())
        .bind("familyKey", p.familyKey())
        .bind("deprecationMoved", diff.containsKey("deprecationTime"))
        .bind("deprecationNoted", p.deprecatedAlready(now) ? image.deprecationTime() : null)
        .execute();
    if (old.removedAt() != null) event(h, old.id(), now, "appeared", null, listingId);
    for (Map.Entry<String, Map<String, Object>> e : Deprecations.events(diff, now).entrySet()) {
      event(h, old.id(), now, e.getKey(), Json.write(e.getValue()), listingId);
    }
    return visible;
  }

  private static final java.util.Set<String> ADDED_BY_V7 =
      java.util.Set.of("imageAllowed", "publicSsmParameterName", "imageWatermarks", "otherFields", "timesAsGiven");

  /** Field by field, what differs between the stored row and the new image: {field: [old, new]}. */
  private static Map<String, List<Object>> diff(Handle h, long id, ImageRecord image) {
    ImageRecord stored = h.createQuery("SELECT * FROM images WHERE id = ?").bind(0, id)
        .mapTo(ImageRecord.class).one();
    Map<String, List<Object>> diff = new LinkedHashMap<>();
    for (RecordComponent c : ImageRecord.class.getRecordComponents()) {
      if (c.getName().equals("tagsText")) continue;  // derived from tags
      try {
        Object before = c.getAccessor().invoke(stored), after = c.getAccessor().invoke(image);
        // Builds before V7 stored an empty text (a Description of "") as null, and did not keep
        // the fields V7 added: that one is now known is not a change (else the first sync after
        // an upgrade would say every image changed). The value is stored all the same.
        if (before == null && ("".equals(after) || ADDED_BY_V7.contains(c.getName()))) continue;
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
  /** Ends an instances listing: how many it saw, how many went (terminated since the last), or why it failed. */
  void finishInstanceListing(long listingId, int listed, int gone, String error) {
    seen.remove(listingId);
    db.write(h -> h.execute("UPDATE sync_listings SET status = ?, complete = ?, pages = ?, seen = ?, removed = ?, error = ?,"
        + " finished_at = ? WHERE id = ?", error == null ? "ok" : "failed", error == null, error == null ? 1 : 0, listed, gone,
        error, now(), listingId));
  }

  int finishListing(long listingId, String account, String region, Scope scope, boolean complete, String error) {
    BitSet listedRows = seen.getOrDefault(listingId, new BitSet());
    try {
      return finish(listingId, account, region, scope, complete, error, listedRows);
    } finally {
      seen.remove(listingId);
    }
  }

  private int finish(long listingId, String account, String region, Scope scope, boolean complete, String error,
      BitSet listedRows) {
    boolean perAccount = account != null && scope.isPersonal();
    return db.write(h -> {
      int removed = 0;
      if (complete) {
        // The last complete listing of the same kind: when a removed image was last seen.
        String previous = h.createQuery("""
                SELECT max(started_at) FROM sync_listings
                WHERE region = ? AND scope = ? AND complete AND id <> ? AND (? = 0 OR account_id IS NOT DISTINCT FROM ?)""")
            .bind(0, region).bind(1, scope.label()).bind(2, listingId).bind(3, perAccount ? 1 : 0).bind(4, account)
            .mapTo(String.class).findOne().orElse(null);
        Map<Long, Integer> scopesLeft = perAccount ? unsightedBy(h, account, region, scope, listedRows)
            : unseenIn(h, region, scope, listedRows);
        List<Live> unseen = h.createQuery("""
                SELECT id, scopes, is_public, owner_alias, product_codes, category FROM images
                WHERE id %s""".formatted(Dialect.of(h).inNumbers(":rows")))
            .bind("rows", Json.write(List.copyOf(scopesLeft.keySet())))
            .mapTo(Live.class).list();
        String now = now();
        for (Live live : unseen) {
          int scopes = scopesLeft.get(live.id());
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
      h.execute("UPDATE sync_listings SET status = ?, complete = ?, removed = ?, error = ?, finished_at = ? "
          + "WHERE id = ?", error == null ? "ok" : "failed", complete, removed, error, now(), listingId);
      return removed;
    });
  }

  /** The region's live images with this scope's bit that the listing did not see, each with its scopes less the bit. */
  private static Map<Long, Integer> unseenIn(Handle h, String region, Scope scope, BitSet listedRows) {
    Map<Long, Integer> left = new LinkedHashMap<>();
    h.createQuery("SELECT id, scopes FROM images WHERE region = :region AND removed_at IS NULL AND (scopes & :bit) <> 0")
        .bind("region", region).bind("bit", scope.bit())
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getInt(2)}).forEach(r -> {
          if (!listedRows.get(Math.toIntExact(r[0]))) left.put(r[0], (int) r[1] & ~scope.bit());
        });
    return left;
  }

  /**
   * The account's sightings in this scope and region that its listing did not see: each loses the
   * bit (and goes when none is left), and the image keeps its public scopes and what the other
   * accounts' sightings give it. Answers the images' scopes so.
   */
  private static Map<Long, Integer> unsightedBy(Handle h, String account, String region, Scope scope, BitSet listedRows) {
    List<Long> unsighted = h.createQuery("""
            SELECT s.image_row FROM image_sightings s JOIN images i ON i.id = s.image_row
            WHERE s.account_id = :account AND i.region = :region AND i.removed_at IS NULL AND (s.scopes & :bit) <> 0""")
        .bind("account", account).bind("region", region).bind("bit", scope.bit())
        .mapTo(Long.class).stream().filter(id -> !listedRows.get(Math.toIntExact(id))).toList();
    Map<Long, Integer> left = new LinkedHashMap<>();
    if (unsighted.isEmpty()) return left;
    String rows = Json.write(unsighted);
    Dialect d = Dialect.of(h);
    h.execute("UPDATE image_sightings SET scopes = scopes & ~? WHERE account_id = ? AND image_row " + d.inNumbers("?"),
        scope.bit(), account, rows);
    h.execute("DELETE FROM image_sightings WHERE scopes = 0 AND account_id = ? AND image_row " + d.inNumbers("?"),
        account, rows);
    int personal = Scope.SELF.bit() | Scope.SHARED.bit();
    h.createQuery("""
            SELECT i.id, i.scopes & ~:personal, s.scopes FROM images i LEFT JOIN image_sightings s ON s.image_row = i.id
            WHERE i.id %s""".formatted(d.inNumbers(":rows")))
        .bind("personal", personal).bind("rows", rows)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getInt(2), rs.getInt(3)})
        .forEach(r -> left.merge(r[0], (int) (r[1] | r[2]), (a, b) -> a | b));
    return left;
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
