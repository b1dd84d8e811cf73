package amicatalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.image.Facet;
import amicatalog.image.FamilyRule;
import amicatalog.image.SearchQuery;
import amicatalog.sync.FamilyRuleStore;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@OnBothStores
class CatalogSearchTest {
  @TempDir Path dir;

  static SnapshotImageSource.Snapshot demo(String region) {
    return new SnapshotImageSource.Snapshot(region, region, () -> CatalogSearchTest.class.getResourceAsStream("/demo/" + region + ".json.gz"));
  }

  /**
   * `serve` looks every 3 s: a `sync` from cron or an `import` into the same file shows up, and on a
   * PostgreSQL store what another replica or worker wrote (a deregistration there, say).
   */
  @Test
  void whatAnotherProcessWroteToTheStoreIsPickedUp() {
    try (Database db = TestStores.open(dir); CatalogSearch search = new CatalogSearch(db)) {
      TestApp.load(db, List.of(demo("eu-west-1")));
      search.refresh();
      int before = search.liveImages();
      search.refreshIfChanged();
      assertThat(search.liveImages()).isEqualTo(before);

      try (Database otherProcess = TestStores.open(dir)) {
        TestApp.load(otherProcess, List.of(demo("ap-southeast-6")));
      }
      search.refreshIfChanged();
      assertThat(search.liveImages()).isGreaterThan(before);
      assertThat(search.liveRegions()).isEqualTo(2);

      // Another replica deregisters an image: no run ends, but its event is news.
      int all = search.liveImages();
      try (Database otherReplica = TestStores.open(dir)) {
        String now = java.time.Instant.now().toString();
        otherReplica.write(h -> {
          long row = h.createQuery("SELECT min(id) FROM images WHERE region = 'eu-west-1'").mapTo(Long.class).one();
          h.execute("UPDATE images SET removed_at = ? WHERE id = ?", now, row);
          return h.execute("INSERT INTO image_events (image_row, at, kind, detail) VALUES (?, ?, 'removed', NULL)", row, now);
        });
      }
      search.refreshIfChanged();
      assertThat(search.liveImages()).isEqualTo(all - 1);
    }
  }

  /** Another replica started with a new family-rules file: the families it keyed anew show here too. */
  @Test
  void familyRulesChangedByAnotherProcessRegroupTheNewest() {
    String services = """
        {"Images": [
          {"ImageId": "ami-0ccc0000000000001", "Name": "svc-blue-20260101", "OwnerId": "444455556666", "CreationDate": "2026-01-01T00:00:00.000Z"},
          {"ImageId": "ami-0ccc0000000000002", "Name": "svc-green-20260201", "OwnerId": "444455556666", "CreationDate": "2026-02-01T00:00:00.000Z"}]}""";
    byte[] json = services.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    SearchQuery theirs = new SearchQuery("", java.util.Map.of(Facet.OWNER, java.util.Set.of("444455556666")), SearchQuery.Sort.NEWEST, 1);
    try (Database db = TestStores.open(dir); CatalogSearch search = new CatalogSearch(db)) {
      TestApp.load(db, List.of(new SnapshotImageSource.Snapshot("eu-west-1", "eu-west-1", () -> new java.io.ByteArrayInputStream(json))));
      search.refresh();
      assertThat(search.search(theirs).newest()).as("two families by the name rule, each its own newest").isEqualTo(2);

      try (Database otherReplica = TestStores.open(dir)) {  // started with a rules file making them one family
        FamilyRuleStore.replace(otherReplica, List.of(FamilyRule.of("444455556666", "svc-{version}", null, "test")));
      }
      search.refreshIfChanged();
      assertThat(search.search(theirs).newest()).as("one family: the green build is its newest").isEqualTo(1);
    }
  }
}
