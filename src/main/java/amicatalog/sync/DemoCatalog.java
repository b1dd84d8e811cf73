package amicatalog.sync;

import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The demo catalog bundled in the jar: real public AMI metadata (see demo/PROVENANCE.md), loaded
 * through the same indexer path as an import, and marked as a demo with its as-of date.
 */
public final class DemoCatalog {
  private static final String BASE = "/demo/";

  private DemoCatalog() {}

  public static RunResult load(Database db, SyncListener listener) {
    var manifest = Json.read(resourceText("manifest.json"));
    List<SnapshotImageSource.Snapshot> snapshots = new ArrayList<>();
    for (var region : manifest.path("regions")) {
      String r = region.asText();
      snapshots.add(new SnapshotImageSource.Snapshot(r, BASE + r + ".json.gz", () -> resource(r + ".json.gz")));
    }
    SnapshotImageSource source = new SnapshotImageSource(snapshots);
    RunResult result = new Indexer(db).run("demo", source.regions(), EnumSet.of(Scope.IMPORT), source, listener);
    db.write(h -> h.execute("INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('demo_as_of', ?)",
        manifest.path("asOf").asText()));
    return result;
  }

  /** The demo's as-of date when this catalog is the demo, else empty. */
  public static Optional<String> asOf(Database db) {
    return db.read(h -> h.createQuery("SELECT value FROM catalog_meta WHERE key = 'demo_as_of'")
        .mapTo(String.class).findOne());
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = DemoCatalog.class.getResourceAsStream(BASE + name);
    if (in == null) throw new IOException("the jar has no " + BASE + name);
    return in;
  }

  private static String resourceText(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
