package amicatalog.sync;

import amicatalog.db.Database;
import amicatalog.image.FamilyRule;
import amicatalog.image.FamilyRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The user's family rules as the catalog keeps them (table family_rules, migration V10): every
 * process on the catalog keys families by the same rules, whichever of them was given the file.
 */
public final class FamilyRuleStore {
  private FamilyRuleStore() {}

  private record Row(String owner, String pattern, String stream, String origin) {}

  /** The rules in force: the user's from the catalog, then the built-in ones. */
  public static FamilyRules rules(Database db) {
    return db.read(FamilyRules::stored);
  }

  /**
   * Reads a rules file and, when its rules differ from the catalog's, stores them and re-keys the
   * images of every owner the old or the new rules name (at start-up, before the indexer opens the
   * catalog: never in a page request). A bad file is an {@link IllegalArgumentException} naming the line.
   */
  public static void load(Database db, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("--family-rules " + file + ": cannot read it (" + e.getMessage() + ")", e);
    }
    replace(db, FamilyRules.parse(text, file.getFileName().toString()));
  }

  /** Stores {@code rules} if they differ from the catalog's; answers whether they did. */
  public static boolean replace(Database db, List<FamilyRule> rules) {
    List<Row> now = rules.stream().map(r -> new Row(r.owner(), r.pattern(), r.stream(), r.origin())).toList();
    boolean changed = db.write(h -> {
      List<Row> before = h.createQuery("SELECT owner, pattern, stream, origin FROM family_rules ORDER BY position")
          .mapTo(Row.class).list();
      if (before.equals(now)) return false;
      Set<String> owners = new LinkedHashSet<>();
      for (Row r : before) owners.add(r.owner());
      for (Row r : now) owners.add(r.owner());
      h.execute("DELETE FROM family_rules");
      int position = 1;
      for (Row r : now) {
        h.execute("INSERT INTO family_rules (position, owner, pattern, stream, origin) VALUES (?, ?, ?, ?, ?)",
            position++, r.owner(), r.pattern(), r.stream(), r.origin());
      }
      // Cleared keys are written again by FamilyKeys.fillAll, by the rules now in force.
      for (String owner : owners) {
        h.execute("UPDATE images SET family_key = NULL WHERE owner_id = ? OR owner_alias = ?", owner, owner);
      }
      return true;
    });
    if (changed) FamilyKeys.fillAll(db);
    return changed;
  }
}
