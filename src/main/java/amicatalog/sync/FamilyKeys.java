package amicatalog.sync;

import amicatalog.image.Family;
import amicatalog.db.Database;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code images.family_key} for rows that have none: those stored before the column existed,
 * and any an indexer writes without it. Names never change, so a key once written stays right.
 * Works in batches of a few thousand rows, one short write transaction each, so a sync running
 * at the same time waits at most one batch.
 */
public final class FamilyKeys {
  /** Up to this many rows are keyed inside a web request; more go to a background thread. */
  static final int INLINE_LIMIT = 100_000;
  private static final int BATCH = 5_000;
  private static final Logger log = LoggerFactory.getLogger(FamilyKeys.class);
  private static final AtomicBoolean backgroundRunning = new AtomicBoolean();

  private FamilyKeys() {}

  private record Unkeyed(long id, String name) {}

  /**
   * How many rows still have no family key. 0 while a cold bulk load has the indexes dropped
   * (indexer.BulkLoad): the rows it writes are keyed once it has rebuilt them.
   */
  static int unset(Database db) {
    if (!indexPresent(db)) return 0;
    // Named, because the planner would rather walk images_name and read a million rows.
    return db.read(h -> h.createQuery("SELECT count(*) FROM images INDEXED BY images_family_unset "
        + "WHERE family_key IS NULL AND name IS NOT NULL").mapTo(Integer.class).one());
  }

  private static boolean indexPresent(Database db) {
    return db.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' "
        + "AND name = 'images_family_unset')").mapTo(Boolean.class).one());
  }

  /**
   * Makes sure every row has its key: at once when few are missing, else in the background.
   * Answers how many are still missing (0 when the audit can be read now).
   */
  public static int ensure(Database db) {
    int missing = unset(db);
    if (missing == 0) return 0;
    if (missing <= INLINE_LIMIT && !backgroundRunning.get()) {
      fillAll(db);
      return 0;
    }
    if (backgroundRunning.compareAndSet(false, true)) {
      Thread t = new Thread(() -> {
        try {
          long start = System.nanoTime();
          int done = fillAll(db);
          log.info("family keys written for {} images in {} ms", done, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
          log.error("writing family keys failed", e);
        } finally {
          backgroundRunning.set(false);
        }
      }, "family-keys");
      t.setDaemon(true);
      t.start();
    }
    return missing;
  }

  /** Keys every row that has none; answers how many were written. */
  public static synchronized int fillAll(Database db) {
    int total = 0;
    while (indexPresent(db)) {
      List<Unkeyed> rows = db.read(h -> h.createQuery("SELECT id, name FROM images INDEXED BY images_family_unset "
              + "WHERE family_key IS NULL AND name IS NOT NULL ORDER BY id LIMIT ?")
          .bind(0, BATCH).map(ConstructorMapper.of(Unkeyed.class)).list());
      if (rows.isEmpty()) return total;
      db.write(h -> {
        PreparedBatch update = h.prepareBatch("UPDATE images SET family_key = ? WHERE id = ?");
        for (Unkeyed row : rows) update.add(Family.key(row.name()), row.id());
        return update.execute();
      });
      total += rows.size();
    }
    return total;
  }
}
