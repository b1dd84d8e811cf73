package amicatalog.sync;

import amicatalog.db.Database;
import amicatalog.image.Family;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes {@code images.family_key} for rows that have none: those stored before the column existed
 * (keyed when an indexer opens the catalog), and those a sync or import wrote (keyed at the end of
 * its run), so that a page never writes. Names never change, so a key once written stays right.
 * Works in batches of a few thousand rows, one short write transaction each, so a sync running
 * at the same time waits at most one batch.
 */
public final class FamilyKeys {
  private static final int BATCH = 5_000;

  private FamilyKeys() {}

  private record Unkeyed(long id, String name) {}

  private static boolean indexPresent(Database db) {
    return db.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' "
        + "AND name = 'images_family_unset')").mapTo(Boolean.class).one());
  }

  /** Keys every row that has none; answers how many were written. */
  public static synchronized int fillAll(Database db) {
    int total = 0;
    while (indexPresent(db)) {
      List<Unkeyed> rows = db.read(h -> h.createQuery("SELECT id, name FROM images INDEXED BY images_family_unset "
              + "WHERE family_key IS NULL AND name IS NOT NULL ORDER BY id LIMIT ?")
          .bind(0, BATCH).mapTo(Unkeyed.class).list());
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
