package amicatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.search.CatalogSearch;
import amicatalog.sync.DemoCatalog;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ready demo the build packs into the jar (so that a first start copies it instead of
 * importing): made as the build makes it, unpacked as a first start unpacks it, it is the whole
 * demo — every image, its history, its as-of date — in a private file, with a search index that
 * answers at once.
 */
class ReadyDemoTest {
  @TempDir Path dir;

  @Test
  void theReadyDemoIsTheWholeDemoInAPrivateFileWithItsSearchIndex() throws Exception {
    Path zip = dir.resolve("build/ready-catalog.zip");
    DemoBuild.main(new String[] {zip.toString()});
    Path catalog = dir.resolve("first-start/ami-catalog.db");
    Files.createDirectories(catalog.getParent());
    try (InputStream in = Files.newInputStream(zip)) {
      DemoCatalog.unpack(in, catalog, CatalogSearch.indexDir(catalog));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(catalog))).isEqualTo("rw-------");
    assertThat(catalog.resolveSibling("ami-catalog.db.unpacking")).doesNotExist();
    try (Database db = Database.open(catalog); CatalogSearch search = new CatalogSearch(db)) {
      assertThat(DemoCatalog.asOf(db)).contains("2026-07-21");
      int events = db.read(h -> h.createQuery("SELECT count(*) FROM image_events").mapTo(Integer.class).one());
      assertThat(events).as("the Fedora CoreOS history").isGreaterThan(50_000);
      long indexFiles;
      try (var files = Files.list(CatalogSearch.indexDir(catalog))) {
        indexFiles = files.count();
      }
      assertThat(indexFiles).as("the search index came along").isGreaterThan(1);
      search.refresh();
      assertThat(search.liveImages()).isEqualTo(61_200);
    }
  }
}
