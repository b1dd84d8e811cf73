package amicatalog.actions;

import amicatalog.common.Json;
import amicatalog.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launch log: every check, refusal, dry run and launch, as rows of the {@code actions} table
 * (kind 'launch'). A confirmed launch claims its row by client token first ({@link ActionClaims}),
 * so it runs once.
 */
public final class LaunchLog {
  public static final String REFUSED = "refused";
  public static final String DRY_RUN_OK = "dry-run-ok";
  public static final String DRY_RUN_FAILED = "dry-run-failed";
  public static final String PENDING = ActionClaims.PENDING;
  public static final String STARTED = "started";
  public static final String FAILED = ActionClaims.FAILED;

  private LaunchLog() {}

  public record Entry(long id, String createdAt, String updatedAt, String who, String region, String imageId, String request,
      String clientToken, String status, String result, String error) {

    /** The instance ids a started launch recorded. */
    public List<String> instanceIds() {
      List<String> ids = new ArrayList<>();
      if (result != null) Json.read(result).path("instances").forEach(i -> ids.add(i.path("instanceId").asText()));
      return ids;
    }
  }

  /** Records a check that ended before any launch: refused, or a dry run's verdict. */
  public static long record(Database db, String who, String region, String imageId, String request, String status, String error) {
    String now = Instant.now().toString();
    return db.write(h -> h.createUpdate("""
            INSERT INTO actions (kind, created_at, updated_at, who, region, image_id, request, status, error)
            VALUES ('launch', ?, ?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, now).bind(1, now).bind(2, who).bind(3, region).bind(4, imageId).bind(5, request)
        .bind(6, status).bind(7, error).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  /** Claims the confirmed launch's row (see {@link ActionClaims#claimOrRetry}): its id, or empty when another request has it. */
  public static Optional<Long> claim(Database db, String who, String region, String imageId, String request, String token) {
    return ActionClaims.claimOrRetry(db, new ActionClaims.Action("launch", who, region, imageId, null, request), token);
  }

  public static void started(Database db, long id, List<StartedInstance> instances) {
    String result = Json.write(Map.of("instances", instances.stream().map(i -> Map.of("instanceId", i.instanceId(),
        "state", i.state(), "instanceType", i.instanceType() == null ? "" : i.instanceType(), "zone", i.zone())).toList()));
    finish(db, id, STARTED, result, null);
  }

  public static void failed(Database db, long id, String error) {
    finish(db, id, FAILED, null, error);
  }

  private static void finish(Database db, long id, String status, String result, String error) {
    db.write(h -> h.createUpdate("UPDATE actions SET status = ?, result = ?, error = ?, updated_at = ? WHERE id = ?")
        .bind(0, status).bind(1, result).bind(2, error).bind(3, Instant.now().toString()).bind(4, id).execute());
    synchronized (SETTLED) {
      SETTLED.notifyAll();
    }
  }

  /** Signalled whenever a launch ends, so a request waiting for another's launch wakes at once. */
  private static final Object SETTLED = new Object();

  public static Optional<Entry> find(Database db, long id) {
    return db.read(h -> h.createQuery("SELECT * FROM actions WHERE id = ? AND kind = 'launch'").bind(0, id)
        .mapTo(Entry.class).findOne());
  }

  public static Optional<Entry> byToken(Database db, String token) {
    return db.read(h -> h.createQuery("SELECT * FROM actions WHERE client_token = ?").bind(0, token)
        .mapTo(Entry.class).findOne());
  }

  /** Newest first; {@code before} (an id) pages back through older entries. */
  public static List<Entry> recent(Database db, Long before, int limit) {
    return db.read(h -> h.createQuery("SELECT * FROM actions WHERE kind = 'launch' AND id < ? ORDER BY id DESC LIMIT ?")
        .bind(0, before == null ? Long.MAX_VALUE : before).bind(1, limit).mapTo(Entry.class).list());
  }

  /** Waits (briefly) for a launch another request is running, so a double submit ends on its result too. */
  public static Entry awaitSettled(Database db, long id, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    synchronized (SETTLED) {  // held while reading, so a launch ending in between cannot be missed
      Entry entry = find(db, id).orElseThrow();
      for (long left = atMost.toMillis(); PENDING.equals(entry.status()) && left > 0;
           left = (deadline - System.nanoTime()) / 1_000_000) {
        try {
          SETTLED.wait(Math.min(left, 1_000));  // and a look each second, should another process settle it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        entry = find(db, id).orElseThrow();
      }
      return entry;
    }
  }
}
