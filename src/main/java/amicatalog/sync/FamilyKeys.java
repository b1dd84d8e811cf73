package amicatalog.sync;

import amicatalog.db.Database;
import amicatalog.image.FamilyRule;
import amicatalog.image.FamilyRules;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes {@code images.family_key} for rows that have none: those stored before the column existed
 * (keyed when an indexer opens the catalog), those whose rule changed (a new built-in rule's
 * migration, or a changed rules file, clears them), and those a sync or import wrote (keyed at the
 * end of its run), so that a page never writes. Then brings the images the user's rules name up to
 * date: the sync writes the built-in rules' key, and a user's rule overrides it here, at the end
 * of the run. Works in batches of a few thousand rows, one short write transaction each, so a sync
 * running at the same time waits at most one batch.
 */
public final class FamilyKeys {
  private static final int BATCH = 5_000;

  private FamilyKeys() {}

  private record Unkeyed(long id, String name, String description, String ownerId, String ownerAlias, String tags,
      String familyKey) {}

  private static boolean indexPresent(Database db) {
    String present = switch (db.dialect()) {
      case SQLITE -> "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'images_family_unset')";
      case POSTGRESQL -> "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'images_family_unset')";
    };
    return db.read(h -> h.createQuery(present).mapTo(Boolean.class).one());
  }

  /** The unkeyed rows by the small partial index SQLite's planner would pass over; PostgreSQL's picks it by itself. */
  private static String unkeyedImages(Database db) {
    return db.dialect() == amicatalog.db.Dialect.SQLITE ? "images INDEXED BY images_family_unset" : "images";
  }

  /** Keys every row that has none, then applies the user's rules; answers how many rows were written. */
  public static synchronized int fillAll(Database db) {
    if (!indexPresent(db)) return 0;  // a bulk load is building the indexes; its run keys at its end
    FamilyRules rules = FamilyRuleStore.rules(db);
    int total = 0;
    while (true) {
      List<Unkeyed> rows = db.read(h -> h.createQuery("SELECT id, name, description, owner_id, owner_alias, tags, family_key "
              + "FROM " + unkeyedImages(db) + " WHERE family_key IS NULL AND name IS NOT NULL ORDER BY id LIMIT ?")
          .bind(0, BATCH).mapTo(Unkeyed.class).list());
      if (rows.isEmpty()) break;
      total += write(db, rules, rows);
    }
    for (FamilyRule rule : rules.user()) {
      long after = 0;
      while (true) {
        long from = after;
        List<Unkeyed> rows = db.read(h -> h.createQuery("""
                SELECT id, name, description, owner_id, owner_alias, tags, family_key FROM images
                WHERE (owner_id = :owner OR owner_alias = :owner) AND %s AND id > :after ORDER BY id LIMIT :batch"""
                .formatted(db.dialect().matches("name", ":glob")))
            .bind("owner", rule.owner()).bind("glob", db.dialect().pattern(rule.glob())).bind("after", from).bind("batch", BATCH)
            .mapTo(Unkeyed.class).list());
        if (rows.isEmpty()) break;
        after = rows.get(rows.size() - 1).id();
        List<Unkeyed> stale = rows.stream()
            .filter(r -> !Objects.equals(r.familyKey(), rules.key(r.ownerId(), r.ownerAlias(), r.name(), r.description(), r.tags())))
            .toList();
        if (!stale.isEmpty()) total += write(db, rules, stale);
      }
    }
    return total;
  }

  private static int write(Database db, FamilyRules rules, List<Unkeyed> rows) {
    db.write(h -> {
      PreparedBatch update = h.prepareBatch("UPDATE images SET family_key = ? WHERE id = ?");
      for (Unkeyed row : rows) {
        update.add(rules.key(row.ownerId(), row.ownerAlias(), row.name(), row.description(), row.tags()), row.id());
      }
      return update.execute();
    });
    return rows.size();
  }
}
