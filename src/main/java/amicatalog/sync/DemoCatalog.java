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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
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
      h.execute(SET_META, DerivedFields.META_KEY, Json.write(history.derivedMeta()));
      return h.execute(SET_META, "demo_as_of", manifest.path("asOf").asText());
    });
    return imported;
  }

  private static final String SET_META =
      "INSERT INTO catalog_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

  /** The demo's as-of date when this catalog is the demo, else empty. */
  public static Optional<String> asOf(Database db) {
    return db.read(h -> h.createQuery("SELECT value FROM catalog_meta WHERE key = 'demo_as_of'")
        .mapTo(String.class).findOne());
  }

  /** The demo as a ready catalog file and search index, made when the jar is built (cli.DemoBuild). */
  private static final String READY = "ready-catalog.zip";
  private static final String READY_CATALOG = "catalog.db";
  private static final String READY_INDEX = "search/";

  /**
   * Puts the ready demo made at build time in place of a new catalog: the file at {@code catalog}
   * (made private, as Database makes one) and its search index at {@code searchIndex}; copying is
   * a second or less where importing the demo took ten. The catalog file comes last, under its
   * name only when complete, so a start cut short unpacks again. Answers false when the jar has no
   * ready demo (a run from compiled classes, as the tests do): then the demo is imported.
   */
  public static boolean unpackReady(Path catalog, Path searchIndex) {
    try (InputStream in = DemoCatalog.class.getResourceAsStream(BASE + READY)) {
      if (in == null) return false;
      unpack(in, catalog, searchIndex);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the bundled demo catalog to " + catalog + ": " + e.getMessage(), e);
    }
  }

  /** Unpacks a ready demo (as {@link #packReady} wrote it) to a catalog file and its search index. */
  public static void unpack(InputStream in, Path catalog, Path searchIndex) throws IOException {
    Path partial = catalog.resolveSibling(catalog.getFileName() + ".unpacking");
    Database.createPrivately(partial);
    if (Files.isDirectory(searchIndex)) {
      try (var old = Files.list(searchIndex)) {
        for (Path f : old.toList()) Files.delete(f);
      }
    }
    Files.createDirectories(searchIndex);
    try (ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals(READY_CATALOG)) {
          try (var out = Files.newOutputStream(partial)) {  // into the private file, keeping its mode
            zip.transferTo(out);
          }
        } else if (e.getName().startsWith(READY_INDEX) && !e.isDirectory()) {
          Files.copy(zip, searchIndex.resolve(Path.of(e.getName().substring(READY_INDEX.length())).getFileName()));
        }
      }
    }
    Files.move(partial, catalog, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Packs a demo catalog file (closed, no WAL) and its search index as the jar's ready demo. */
  public static void packReady(Path catalog, Path searchIndex, Path zipFile) throws IOException {
    Path wal = catalog.resolveSibling(catalog.getFileName() + "-wal");
    if (Files.exists(wal) && Files.size(wal) > 0) throw new IllegalStateException(wal + " still holds writes: checkpoint first");
    Files.createDirectories(zipFile.getParent());
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile));
        var index = Files.list(searchIndex)) {
      zip.setLevel(java.util.zip.Deflater.BEST_SPEED);  // inflating on first start is what counts
      zip.putNextEntry(new ZipEntry(READY_CATALOG));
      Files.copy(catalog, zip);
      for (Path f : index.sorted().toList()) {
        if (f.getFileName().toString().equals("write.lock")) continue;
        zip.putNextEntry(new ZipEntry(READY_INDEX + f.getFileName()));
        Files.copy(f, zip);
      }
    }
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
