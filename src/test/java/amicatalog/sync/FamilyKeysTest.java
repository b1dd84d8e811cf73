package amicatalog.sync;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Family keys: written at the end of every run, and for rows stored without one when an indexer opens the catalog. */
@OnBothStores
class FamilyKeysTest {
  static final String IMAGES = """
      {"Images": [
        {"ImageId": "ami-0000000000000a001", "Name": "amzn2-ami-ecs-hvm-2.0.20250821-arm64-ebs", "OwnerId": "591542846629",
         "ImageOwnerAlias": "amazon", "Public": true, "State": "available", "CreationDate": "2025-08-21T00:00:00.000Z"},
        {"ImageId": "ami-0000000000000a002", "Name": "fedora-coreos-44.20260707.3.1-x86_64", "OwnerId": "125523088429",
         "Public": true, "State": "available", "CreationDate": "2026-07-07T00:00:00.000Z"},
        {"ImageId": "ami-0000000000000a003", "OwnerId": "125523088429", "Public": true, "State": "available"}]}""";

  @TempDir Path dir;

  @Test
  void rowsWithoutAKeyGetTheKeyOfTheirName() {
    try (Database db = TestStores.open(dir)) {
      byte[] json = IMAGES.getBytes(StandardCharsets.UTF_8);
      TestApp.load(db, List.of(new SnapshotImageSource.Snapshot("eu-west-1", "test", () -> new ByteArrayInputStream(json))));
      assertThat(keys(db)).as("keyed by the run").containsEntry("ami-0000000000000a002", "fedora-coreos-*-x86_64");
      db.write(h -> h.execute("UPDATE images SET family_key = NULL"));  // as a catalog from before family keys

      new Indexer(db);

      assertThat(keys(db)).containsExactly(
          Map.entry("ami-0000000000000a001", "amzn2-ami-ecs-hvm-*-arm64-ebs"),
          Map.entry("ami-0000000000000a002", "fedora-coreos-*-x86_64"),
          Map.entry("ami-0000000000000a003", "(none)"));
    }
  }

  static final String STREAMS_AND_OWN = """
      {"Images": [
        {"ImageId": "ami-0000000000000b001", "Name": "fedora-coreos-44.20260707.3.1-x86_64", "OwnerId": "125523088429",
         "Description": "Fedora CoreOS stable 44.20260707.3.1", "Public": true, "State": "available"},
        {"ImageId": "ami-0000000000000b002", "Name": "fedora-coreos-44.20260713.2.0-x86_64", "OwnerId": "125523088429",
         "Description": "Fedora CoreOS testing 44.20260713.2.0", "Public": true, "State": "available"},
        {"ImageId": "ami-0000000000000b003", "Name": "team-base-7", "OwnerId": "123456789012", "Public": false,
         "State": "available", "Tags": [{"Key": "Channel", "Value": "beta"}]},
        {"ImageId": "ami-0000000000000b004", "Name": "team-base-8", "OwnerId": "123456789012", "Public": false,
         "State": "available"}]}""";

  @Test
  void fedoraCoreOsStreamsAreFamiliesOfTheirOwnAndAUserRuleKeysItsImagesAtStartAndAfterEveryRun() {
    try (Database db = TestStores.open(dir)) {
      byte[] json = STREAMS_AND_OWN.getBytes(StandardCharsets.UTF_8);
      List<SnapshotImageSource.Snapshot> files =
          List.of(new SnapshotImageSource.Snapshot("eu-west-1", "test", () -> new ByteArrayInputStream(json)));
      TestApp.load(db, files);
      assertThat(keys(db)).containsEntry("ami-0000000000000b001", "fedora-coreos-*-x86_64 [stable]")
          .containsEntry("ami-0000000000000b002", "fedora-coreos-*-x86_64 [testing]")
          .containsEntry("ami-0000000000000b003", "team-base-7").containsEntry("ami-0000000000000b004", "team-base-8");

      boolean changed = FamilyRuleStore.replace(db,
          amicatalog.image.FamilyRules.parse("123456789012 team-base-{version} tag:Channel\n", "rules.txt"));

      assertThat(changed).isTrue();
      assertThat(keys(db)).containsEntry("ami-0000000000000b003", "team-base-* [beta]")
          .containsEntry("ami-0000000000000b004", "team-base-*")
          .containsEntry("ami-0000000000000b001", "fedora-coreos-*-x86_64 [stable]");
      assertThat(FamilyRuleStore.replace(db, FamilyRuleStore.rules(db).user())).as("the same rules again").isFalse();

      // A sync writes the built-in key of what it lists; the end of its run applies the user's rule again.
      db.write(h -> h.execute("UPDATE images SET content_hash = 0"));
      TestApp.load(db, files);
      assertThat(keys(db)).containsEntry("ami-0000000000000b003", "team-base-* [beta]");

      // Rules removed: the owner's images go back to the name rule's families.
      FamilyRuleStore.replace(db, List.of());
      assertThat(keys(db)).containsEntry("ami-0000000000000b003", "team-base-7");
    }
  }

  private static Map<String, String> keys(Database db) {
    Map<String, String> keys = new java.util.TreeMap<>();
    db.read(h -> h.createQuery("SELECT image_id, coalesce(family_key, '(none)') FROM images")
        .map((rs, ctx) -> keys.put(rs.getString(1), rs.getString(2))).list());
    return keys;
  }
}
