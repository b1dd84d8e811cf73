package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import amicatalog.db.Database;
import amicatalog.sync.DemoCatalog;
import amicatalog.sync.SyncListener;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestStores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index build that fails part way (here: the disk refusing the 500th document) fails the
 * caller at once with the reason, never hangs it; searches keep the view they had, and the next
 * refresh builds the whole index again rather than committing the half that was written.
 */
@OnBothStores
class IndexFailureTest {
  @TempDir Path dir;

  @Test
  void aBuildThatFailsPartWayFailsItsCallerWithTheReasonAndLeavesNoHalfIndex() {
    AtomicBoolean diskFull = new AtomicBoolean(true);
    AtomicInteger added = new AtomicInteger();
    try (Database db = TestStores.open(dir)) {
      DemoCatalog.load(db, SyncListener.NONE, List.of("eu-west-1"));
      int live = db.read(h -> h.createQuery("SELECT count(*) FROM images WHERE removed_at IS NULL").mapTo(Integer.class).one());
      LuceneEngine engine = new LuceneEngine(db, dir.resolve("c.db.search"), (writer, doc) -> {
        if (diskFull.get() && added.incrementAndGet() == 500) throw new IOException("No space left on device");
        writer.addDocument(doc);
      });
      try {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
            assertThatThrownBy(engine::refresh).hasMessageContaining("cannot update the search index")
                .hasMessageContaining("No space left on device"));
        assertThat(documents(engine)).as("searches keep the view they had (none yet)").isZero();

        diskFull.set(false);
        engine.refresh();
        assertThat(documents(engine)).as("every live image, none missing or twice").isEqualTo(live);
      } finally {
        engine.close();
      }
    }
  }

  private static int documents(LuceneEngine engine) {
    LuceneSearch view = engine.acquire();
    try {
      return view.getIndexReader().numDocs();
    } finally {
      engine.release(view);
    }
  }

  /** Lucene refuses a term or sort value over 32,766 bytes: an image with such a name must not stop the index. */
  @Test
  void anImageWithAnAbsurdlyLongNameIsIndexedAndFound() throws IOException {
    String huge = "x".repeat(40_000);
    String json = "{\"Images\": [{\"ImageId\": \"ami-0abcdef1234567890\", \"Name\": \"" + huge + "\", \"Description\": \""
        + huge + " fedora\", \"OwnerId\": \"123456789012\", \"ImageOwnerAlias\": \"" + huge + "\","
        + " \"CreationDate\": \"2024-01-01T00:00:00.000Z\", \"State\": \"available\", \"Architecture\": \"x86_64\","
        + " \"Public\": true, \"Tags\": [{\"Key\": \"" + huge + "\", \"Value\": \"v\"}]}]}";
    Path file = dir.resolve("long.json");
    java.nio.file.Files.writeString(file, json);
    try (Database db = TestStores.open(dir); CatalogSearch search = new CatalogSearch(db)) {
      amicatalog.testing.TestApp.load(db, List.of(amicatalog.sync.SnapshotImageSource.Snapshot.of(file, "eu-west-1")));
      search.refresh();
      assertThat(search.liveImages()).isEqualTo(1);
      SearchResult found = search.search(new amicatalog.image.SearchQuery("ami-0abcdef1234567890", java.util.Map.of(), amicatalog.image.SearchQuery.Sort.NEWEST, 1));
      assertThat(found.total()).isEqualTo(1);
      assertThat(search.search(new amicatalog.image.SearchQuery("fedora", java.util.Map.of(), amicatalog.image.SearchQuery.Sort.NEWEST, 1)).total()).isEqualTo(1);
    }
  }
}
