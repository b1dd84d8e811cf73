package amicatalog.sync;

import amicatalog.db.Database;
import amicatalog.image.Drift;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records, at the end of a sync that listed instances, which families some instance runs an old
 * version of: a family that starts drifting gets a row (an entry of the drift feed), one that no
 * longer drifts has its row ended, so that drifting again later is news again.
 */
final class DriftingFamilies {
  private DriftingFamilies() {}

  private record Open(long id, String owner, String familyKey) {}

  static void note(Database db) {
    Drift drift = db.read(Drift::read);
    Map<List<String>, List<Drift.Group>> drifting = drift.driftingFamilies();
    String now = Instant.now().toString();
    db.write(h -> {
      Set<List<String>> open = new HashSet<>();
      for (Open o : h.createQuery("SELECT id, owner, family_key FROM drifting_families WHERE ended IS NULL").mapTo(Open.class).list()) {
        List<String> key = List.of(o.owner(), o.familyKey());
        if (drifting.containsKey(key)) {
          open.add(key);
        } else {
          h.execute("UPDATE drifting_families SET ended = ? WHERE id = ?", now, o.id());
        }
      }
      for (Map.Entry<List<String>, List<Drift.Group>> e : drifting.entrySet()) {
        int instances = e.getValue().stream().mapToInt(g -> g.instances().size()).sum();
        String summary = summary(e.getValue(), instances);
        if (open.contains(e.getKey())) {
          h.execute("UPDATE drifting_families SET instances = ?, summary = ? WHERE owner = ? AND family_key = ? AND ended IS NULL",
              instances, summary, e.getKey().get(0), e.getKey().get(1));
        } else {
          h.execute("INSERT INTO drifting_families (owner, family_key, since, instances, summary) VALUES (?, ?, ?, ?, ?)",
              e.getKey().get(0), e.getKey().get(1), now, instances, summary);
        }
      }
      return null;
    });
  }

  /** "3 instances run a version that is not the newest." and a line for each such image, the worst first. */
  private static String summary(List<Drift.Group> groups, int instances) {
    StringBuilder s = new StringBuilder().append(instances).append(instances == 1 ? " instance runs" : " instances run")
        .append(" a version that is not the family's newest (superseded, deprecated or removed).");
    for (Drift.Group g : groups) {
      s.append('\n').append(g.instances().size()).append(" on ").append(g.name()).append(" (").append(g.region()).append(", ")
          .append(g.imageId()).append("): ").append(g.sentence());
    }
    return s.toString();
  }
}
