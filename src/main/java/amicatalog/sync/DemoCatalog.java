package amicatalog.sync;

import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.DerivedFields;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The demo catalog bundled in the jar: real public AMI metadata (see demo/PROVENANCE.md), loaded
 * through the same indexer path as an import, and marked as a demo with its as-of date. The Fedora
 * CoreOS images then get their history from the stream files ({@link DemoHistory}): when each
 * release appeared, and (derived, and said so on the pages) when it was deprecated.
 */
public final class DemoCatalog {
  private static final String BASE = "/demo/";

  private DemoCatalog() {}

  public static RunResult load(Database db, SyncListener listener) {
    return load(db, listener, null);
  }

  /** Loads the demo; only {@code regions} when not null (tests load a few, for speed). Answers the import's run. */
  public static RunResult load(Database db, SyncListener listener, List<String> regions) {
    JsonNode manifest = Json.read(resourceText("manifest.json"));
    DemoHistory history = DemoHistory.of(manifest.path("history"));
    List<SnapshotImageSource.Snapshot> snapshots = new ArrayList<>();
    for (JsonNode region : manifest.path("regions")) {
      String r = region.asText();
      if (regions != null && !regions.contains(r)) continue;
      snapshots.add(new SnapshotImageSource.Snapshot(r, BASE + r + ".json.gz", () -> resource(r + ".json.gz")));
    }
    SnapshotImageSource files = new SnapshotImageSource(snapshots);
    List<DemoHistory.Seen> seen = Collections.synchronizedList(new ArrayList<>());
    ImageSource withHistory = new ImageSource() {
      @Override
      public void list(String region, Scope scope, PageConsumer pages) throws Exception {
        files.list(region, scope, page -> {
          List<ImageRecord> imported = new ArrayList<>(page.size());
          for (ImageRecord image : page) {
            DemoHistory.Release release = history.release(image);
            if (release != null) seen.add(new DemoHistory.Seen(region, image.imageId(), release));
            imported.add(release == null ? image : DemoHistory.asImported(image, release));
          }
          pages.accept(imported);
        });
      }

      @Override
      public boolean listingsAreComplete() {
        return files.listingsAreComplete();
      }
    };
    RunResult imported = new Indexer(db).run("demo", files.regions(), EnumSet.of(Scope.IMPORT), withHistory, listener);
    DemoHistory.write(db, seen);
    db.write(h -> {
      h.execute("INSERT OR REPLACE INTO catalog_meta (key, value) VALUES (?, ?)", DerivedFields.META_KEY,
          Json.write(history.derivedMeta()));
      return h.execute("INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('demo_as_of', ?)",
          manifest.path("asOf").asText());
    });
    return imported;
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
