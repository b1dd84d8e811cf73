package amicatalog.sync;

import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.LaunchGrantee;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * After an account's own listing of a region: the region's image block public access state, and
 * the launch permissions of the images the account owns there (DescribeImageAttribute, one call an
 * image). Read for the images that are new or changed since their last read, or whose last read
 * failed, and for the {@value #REREAD} read longest ago: sharing changed elsewhere does not change
 * DescribeImages' answer, so it is found by going round the owned images, a bounded number a sync.
 * A change of who may launch an image is history (a 'changed' event of launchPermissions); becoming
 * public or private is already the listing's (its Public field: 'made-public', or 'changed'). A read that fails
 * keeps what was read before, and says so on /sync.
 */
final class LaunchPermissions {
  static final int REREAD = 100;

  private final Database db;

  LaunchPermissions(Database db) {
    this.db = db;
  }

  record Owned(long id, String imageId, String readAt, boolean due) {}

  /** Reads and records; answers what it did, in a line for /sync. */
  String read(long listingId, String account, String region, PermissionSource source) {
    String blocked = blockPublicAccess(account, region, source);
    List<Owned> owned = db.read(h -> h.createQuery("""
            SELECT i.id, i.image_id, r.read_at,
                   (r.image_row IS NULL OR r.error IS NOT NULL OR r.read_at < i.last_changed) AS due
            FROM images i LEFT JOIN launch_permission_reads r ON r.image_row = i.id
            WHERE i.region = :region AND i.owner_id = :account AND i.removed_at IS NULL
            ORDER BY due DESC, r.read_at""")
        .bind("region", region).bind("account", account).mapTo(Owned.class).list());
    int read = 0, failed = 0, reread = 0;
    String firstError = null;
    for (Owned image : owned) {
      if (!image.due() && reread++ >= REREAD) break;
      String error = null;
      List<String> grantees = null;
      try {
        grantees = source.launchPermissions(region, image.imageId());
        read++;
      } catch (Exception e) {
        error = Indexer.describe(e);
        failed++;
        if (firstError == null) firstError = image.imageId() + ": " + error;
        LoggerFactory.getLogger(LaunchPermissions.class).warn("launch permissions of {} in {} not read: {}", image.imageId(), region, error);
      }
      record(listingId, image, grantees, error);
    }
    String said = "launch permissions of " + read + " owned image" + (read == 1 ? "" : "s") + " read"
        + (failed == 0 ? "" : ", " + failed + " failed (" + firstError + ")") + "; " + blocked;
    db.write(h -> h.execute("UPDATE sync_listings SET permissions = ? WHERE id = ?", said, listingId));
    return said;
  }

  private String blockPublicAccess(String account, String region, PermissionSource source) {
    String state = null, error = null;
    try {
      state = source.blockPublicAccess(region);
    } catch (Exception e) {
      error = Indexer.describe(e);
    }
    String s = state, e = error;
    db.write(h -> h.execute("""
        INSERT INTO block_public_access (account_id, region, state, error, read_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (account_id, region) DO UPDATE SET state = excluded.state, error = excluded.error, read_at = excluded.read_at""",
        account, region, s, e, CatalogWriter.now()));
    return state != null ? "block public access: " + state : "block public access not read (" + error + ")";
  }

  /**
   * Stores one image's read. A change of who may launch it, but for the public grant, is a 'changed'
   * event of its field launchPermissions (old → new, sorted), unless this is its first read.
   */
  private void record(long listingId, Owned image, List<String> grantees, String error) {
    String now = CatalogWriter.now();
    db.write(h -> {
      if (grantees != null) {
        Set<String> before = new TreeSet<>(h.createQuery("SELECT grantee FROM launch_permissions WHERE image_row = ?")
            .bind(0, image.id()).mapTo(String.class).list());
        Set<String> after = new TreeSet<>(grantees);
        for (String g : after) {
          if (!before.contains(g)) h.execute("INSERT INTO launch_permissions (image_row, grantee) VALUES (?, ?)", image.id(), g);
        }
        for (String g : before) {
          if (!after.contains(g)) h.execute("DELETE FROM launch_permissions WHERE image_row = ? AND grantee = ?", image.id(), g);
        }
        List<String> was = shared(before), is = shared(after);
        if (image.readAt() != null && !was.equals(is)) {
          h.execute("INSERT INTO image_events (image_row, at, kind, detail, listing_id) VALUES (?, ?, 'changed', ?, ?)",
              image.id(), now, Json.write(Map.of(LaunchGrantee.HISTORY_FIELD, List.of(was, is))), listingId);
        }
      }
      h.execute("""
          INSERT INTO launch_permission_reads (image_row, read_at, error) VALUES (?, ?, ?)
          ON CONFLICT (image_row) DO UPDATE SET read_at = excluded.read_at, error = excluded.error""", image.id(), now, error);
      return null;
    });
  }

  /** The grants but the public one: becoming public or private is the listing's news (its Public field). */
  private static List<String> shared(Set<String> grantees) {
    return grantees.stream().filter(g -> !LaunchGrantee.PUBLIC.equals(g)).toList();
  }
}
