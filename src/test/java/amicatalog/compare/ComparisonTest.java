package amicatalog.compare;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.compare.CompareQueries.Compared;
import amicatalog.compare.CompareQueries.Event;
import amicatalog.image.ImageRecord;
import amicatalog.image.StoredImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's rows, which ones differ, and the only-differences view, from plain image records. */
class ComparisonTest {
  static Compared image(String region, String json, List<Event> events) {
    ImageRecord record = ImageRecord.fromJson(Json.read(json));
    return new Compared(new ImageKey(region, record.imageId()), record,
        new StoredImage.Meta(1, region, "public", 0, "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", null, null, null), events);
  }

  static final Compared A = image("eu-west-1", """
      {"ImageId": "ami-0aaa", "Name": "base-1", "Architecture": "x86_64", "BootMode": "uefi", "EnaSupport": true,
       "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": "snap-1", "VolumeSize": 8, "VolumeType": "gp3", "Encrypted": false}}],
       "Tags": [{"Key": "team", "Value": "web"}, {"Key": "env", "Value": "prod"}]}""",
      List.of(new Event("2025-01-01T00:00:00Z", "appeared")));
  static final Compared B = image("us-east-1", """
      {"ImageId": "ami-0bbb", "Name": "base-2", "Architecture": "x86_64", "BootMode": "legacy-bios", "EnaSupport": true,
       "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": "snap-2", "VolumeSize": 8, "VolumeType": "gp3", "Encrypted": false}},
                               {"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"}],
       "Tags": [{"Key": "team", "Value": "web"}],
       "ProductCodes": [{"ProductCodeId": "abc123", "ProductCodeType": "marketplace"}]}""",
      List.of(new Event("2025-01-01T00:00:00Z", "appeared")));

  static Comparison.Row row(Comparison c, String section, String label) {
    return c.sections().stream().filter(s -> s.title().equals(section)).findFirst().orElseThrow()
        .rows().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
  }

  static List<String> labels(Comparison c, String section) {
    return c.sections().stream().filter(s -> s.title().equals(section)).flatMap(s -> s.rows().stream())
        .map(Comparison.Row::label).toList();
  }

  @Test
  void aRowDiffersWhenAnyColumnSaysSomethingElse() {
    Comparison c = Comparison.of(List.of(A, B));

    assertThat(row(c, "Platform", "Architecture")).satisfies(r -> {
      assertThat(r.values()).containsExactly("x86_64", "x86_64");
      assertThat(r.differs()).isFalse();
    });
    assertThat(row(c, "Platform", "Boot mode").differs()).isTrue();
    assertThat(row(c, "Image", "Region").values()).containsExactly("eu-west-1", "us-east-1");
  }

  @Test
  void devicesAndTagsAreRowsOfTheirOwnAndAMissingOneIsEmptyAndDiffers() {
    Comparison c = Comparison.of(List.of(A, B));

    assertThat(labels(c, "Block devices")).containsExactly("/dev/xvda", "/dev/sdb");
    assertThat(row(c, "Block devices", "/dev/xvda").values())
        .containsExactly("snap-1 · 8 GiB · gp3 · not encrypted", "snap-2 · 8 GiB · gp3 · not encrypted");
    assertThat(row(c, "Block devices", "/dev/sdb").values()).containsExactly("", "ephemeral0");
    assertThat(row(c, "Tags", "team")).satisfies(r -> assertThat(r.differs()).isFalse());
    assertThat(row(c, "Tags", "env")).satisfies(r -> {
      assertThat(r.values()).containsExactly("prod", "");
      assertThat(r.differs()).isTrue();
    });
    assertThat(row(c, "Product codes", "Product codes").values()).containsExactly("", "abc123 (marketplace)");
  }

  @Test
  void attributesNoImageHasAreLeftOut() {
    Comparison c = Comparison.of(List.of(A, B));

    assertThat(labels(c, "Image")).doesNotContain("Description", "Kernel ID", "Deprecation");
    assertThat(labels(c, "Platform")).doesNotContain("Kernel ID");
  }

  @Test
  void onlyDifferencesKeepsDifferingRowsAndDropsSectionsLeftEmpty() {
    Comparison c = Comparison.of(List.of(A, B));
    Comparison diff = c.onlyDifferences();

    assertThat(diff.sections()).allSatisfy(s -> assertThat(s.rows()).isNotEmpty().allMatch(Comparison.Row::differs));
    assertThat(diff.differing()).isEqualTo(c.differing()).isPositive();
    assertThat(labels(diff, "Platform")).containsExactly("Boot mode");
    assertThat(diff.sections()).extracting(Comparison.Section::title).doesNotContain("Catalog");
  }

  @Test
  void oneImageAloneHasNoDifferences() {
    assertThat(Comparison.of(List.of(A)).differing()).isZero();
  }
}
