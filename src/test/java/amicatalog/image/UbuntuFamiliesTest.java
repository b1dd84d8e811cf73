package amicatalog.image;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.db.Database;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.testing.FormSession;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import amicatalog.testing.TestStores;
import amicatalog.web.Urls;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Canonical's Ubuntu images (owner 099720109477) need no family rule of their own: everything that
 * tells one Ubuntu line from another is in the name, and the name rule keeps it. A name is
 * {@code PRODUCT/POCKET/VOLUME/ubuntu-RELEASE-ARCH-KIND-SERIAL}:
 * <ul>
 *   <li>product: {@code ubuntu}, {@code ubuntu-pro-server}, {@code ubuntu-pro-fips-server},
 *       {@code ubuntu-minimal}, {@code ubuntu-eks/k8s_1.29};</li>
 *   <li>pocket: {@code images} (release), {@code images-testing} (daily, where the release number
 *       gives way to {@code daily}: {@code ubuntu-jammy-daily-amd64-server}), {@code images-milestone}
 *       (alpha and beta builds, the milestone in the name);</li>
 *   <li>volume type: {@code hvm-ssd} (gp2), {@code hvm-ssd-gp3}, {@code hvm-instance}, {@code ebs-ssd}, …;</li>
 *   <li>release ({@code jammy-22.04}), architecture ({@code amd64}, {@code arm64}), kind
 *       ({@code server}, {@code minimal}, {@code pro-server});</li>
 *   <li>the serial: the build date, with a {@code .N} suffix for a rebuild of the same day
 *       ({@code 20240207.1}): the only part that changes from version to version.</li>
 * </ul>
 * The description ("Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on 2024-02-07"; a daily's
 * says "UNSUPPORTED daily") repeats the name and adds nothing a family needs, so no built-in rule
 * reads it. The names below are real ones (the demo's two, and names Canonical published that
 * public configurations and bug reports quote).
 */
@OnBothStores
class UbuntuFamiliesTest {
  static final String CANONICAL = "099720109477";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', commentCharacter = '#', textBlock = """
      # release pocket, by release, architecture and volume type (the demo's two first)
      ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-20170727         | ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*
      ubuntu/images/hvm-ssd/ubuntu-xenial-16.04-amd64-server-20170721         | ubuntu/images/hvm-ssd/ubuntu-xenial-16.04-amd64-server-*
      ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207.1        | ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*
      ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-20230919          | ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-*
      ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20240701      | ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*
      ubuntu/images/ebs-ssd/ubuntu-xenial-16.04-amd64-server-20180306         | ubuntu/images/ebs-ssd/ubuntu-xenial-16.04-amd64-server-*
      ubuntu/images/ebs-ssd/ubuntu-trusty-14.04-amd64-server-20140927         | ubuntu/images/ebs-ssd/ubuntu-trusty-14.04-amd64-server-*
      ubuntu/images/ebs-ssd/ubuntu-wily-15.10-amd64-server-20151106           | ubuntu/images/ebs-ssd/ubuntu-wily-15.10-amd64-server-*
      # daily pocket: no release number, the word daily instead
      ubuntu/images-testing/hvm-ssd/ubuntu-xenial-daily-amd64-server-20170830.1    | ubuntu/images-testing/hvm-ssd/ubuntu-xenial-daily-amd64-server-*
      ubuntu/images-testing/hvm-ssd/ubuntu-jammy-daily-arm64-server-20240802       | ubuntu/images-testing/hvm-ssd/ubuntu-jammy-daily-arm64-server-*
      ubuntu/images-testing/hvm-ssd/ubuntu-precise-daily-amd64-server-20140717     | ubuntu/images-testing/hvm-ssd/ubuntu-precise-daily-amd64-server-*
      ubuntu/images-testing/hvm-ssd-gp3/ubuntu-questing-daily-amd64-server-20250822 | ubuntu/images-testing/hvm-ssd-gp3/ubuntu-questing-daily-amd64-server-*
      # milestone pocket: each milestone (alpha2, beta1) is a line of its own, as the name says
      ubuntu/images-milestone/hvm/ubuntu-xenial-alpha2-amd64-server-20160125       | ubuntu/images-milestone/hvm/ubuntu-xenial-alpha2-amd64-server-*
      ubuntu/images-milestone/ubuntu-precise-12.04-beta1-i386-server-20120229.1    | ubuntu/images-milestone/ubuntu-precise-12.04-beta1-i386-server-*
      # Ubuntu Pro, Pro FIPS, Minimal (release and daily), EKS (the Kubernetes version stays)
      ubuntu-pro-server/images/hvm-ssd/ubuntu-focal-20.04-amd64-pro-server-20250109      | ubuntu-pro-server/images/hvm-ssd/ubuntu-focal-20.04-amd64-pro-server-*
      ubuntu-pro-server/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-pro-server-20240423  | ubuntu-pro-server/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-pro-server-*
      ubuntu-pro-fips-server/images/hvm-ssd/ubuntu-focal-20.04-amd64-pro-fips-server-20221121 | ubuntu-pro-fips-server/images/hvm-ssd/ubuntu-focal-20.04-amd64-pro-fips-server-*
      ubuntu-minimal/images/hvm-ssd/ubuntu-jammy-22.04-arm64-minimal-20240701            | ubuntu-minimal/images/hvm-ssd/ubuntu-jammy-22.04-arm64-minimal-*
      ubuntu-minimal/images-testing/hvm-ssd/ubuntu-bionic-daily-amd64-minimal-20180810   | ubuntu-minimal/images-testing/hvm-ssd/ubuntu-bionic-daily-amd64-minimal-*
      ubuntu-eks/k8s_1.29/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20241113        | ubuntu-eks/k8s_1.29/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*
      ubuntu-eks/k8s_1.24/images/hvm-ssd/ubuntu-focal-20.04-arm64-server-20221206.1      | ubuntu-eks/k8s_1.24/images/hvm-ssd/ubuntu-focal-20.04-arm64-server-*
      """)
  void theSerialIsTheVersionAndEverythingElseNamesTheLine(String name, String family) {
    assertThat(Family.key(name)).isEqualTo(family);
    // No built-in rule takes Canonical's images: the name rule's key is theirs.
    assertThat(FamilyRules.BUILT_IN.key(CANONICAL, "amazon", name, "Canonical, Ubuntu", null)).isEqualTo(family);
  }

  /** Two versions of each line, as Canonical publishes them side by side. */
  @Test
  void releaseArchitectureVolumeTypeAndPocketEachMakeAFamily() {
    Map<String, String> descriptions = new TreeMap<>(Map.ofEntries(
        Map.entry("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207", "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on 2024-02-07"),
        Map.entry("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207.1", "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on 2024-02-07"),
        Map.entry("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-20230919", "Canonical, Ubuntu, 22.04 LTS, arm64 jammy image build on 2023-09-19"),
        Map.entry("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-20240207", "Canonical, Ubuntu, 22.04 LTS, arm64 jammy image build on 2024-02-07"),
        Map.entry("ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20240207", "Canonical, Ubuntu, 20.04 LTS, amd64 focal image build on 2024-02-07"),
        Map.entry("ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20240301", "Canonical, Ubuntu, 20.04 LTS, amd64 focal image build on 2024-03-01"),
        Map.entry("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20240423", "Canonical, Ubuntu, 24.04 LTS, amd64 noble image build on 2024-04-23"),
        Map.entry("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20240701", "Canonical, Ubuntu, 24.04 LTS, amd64 noble image build on 2024-07-01"),
        Map.entry("ubuntu/images-testing/hvm-ssd/ubuntu-jammy-daily-amd64-server-20240802", "Canonical, Ubuntu, 22.04 LTS, UNSUPPORTED daily amd64 jammy image build on 2024-08-02"),
        Map.entry("ubuntu/images-testing/hvm-ssd/ubuntu-jammy-daily-amd64-server-20240803.1", "Canonical, Ubuntu, 22.04 LTS, UNSUPPORTED daily amd64 jammy image build on 2024-08-03"),
        Map.entry("ubuntu-pro-server/images/hvm-ssd/ubuntu-jammy-22.04-amd64-pro-server-20240207", "Canonical, Ubuntu Pro, 22.04 LTS, amd64 jammy image build on 2024-02-07"),
        Map.entry("ubuntu-pro-server/images/hvm-ssd/ubuntu-jammy-22.04-amd64-pro-server-20240301", "Canonical, Ubuntu Pro, 22.04 LTS, amd64 jammy image build on 2024-03-01"),
        Map.entry("ubuntu-minimal/images/hvm-ssd/ubuntu-jammy-22.04-amd64-minimal-20240207", "Canonical, Ubuntu Minimal, 22.04 LTS, amd64 jammy minimal image build on 2024-02-07"),
        Map.entry("ubuntu-minimal/images/hvm-ssd/ubuntu-jammy-22.04-amd64-minimal-20240701", "Canonical, Ubuntu Minimal, 22.04 LTS, amd64 jammy minimal image build on 2024-07-01")));

    Map<String, List<String>> families = descriptions.entrySet().stream().collect(Collectors.groupingBy(
        e -> FamilyRules.BUILT_IN.key(CANONICAL, "amazon", e.getKey(), e.getValue(), null), TreeMap::new,
        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));

    assertThat(families).containsOnlyKeys(
        "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*",
        "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-*",
        "ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-*",
        "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*",
        "ubuntu/images-testing/hvm-ssd/ubuntu-jammy-daily-amd64-server-*",
        "ubuntu-pro-server/images/hvm-ssd/ubuntu-jammy-22.04-amd64-pro-server-*",
        "ubuntu-minimal/images/hvm-ssd/ubuntu-jammy-22.04-amd64-minimal-*");
    assertThat(families).allSatisfy((key, versions) -> assertThat(versions).as(key).hasSize(2));
  }

  // A catalog of Canonical's images as DescribeImages gives them (the alias is "amazon", as in moto's
  // records fetched from EC2), with creation dates a little after each serial.
  static final String IMAGES = """
      {"Images": [
        %s
      ]}""".formatted(String.join(",\n", List.of(
      image("ami-0000000000000c001", "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207", "2024-02-07T10:00:00.000Z"),
      image("ami-0000000000000c002", "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207.1", "2024-02-08T09:00:00.000Z"),
      image("ami-0000000000000c003", "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240301", "2024-03-01T12:00:00.000Z"),
      // Newer than every release build, of the same release, architecture and volume type: not the release's newest.
      image("ami-0000000000000c004", "ubuntu/images-testing/hvm-ssd/ubuntu-jammy-daily-amd64-server-20240315", "2024-03-15T08:00:00.000Z"),
      image("ami-0000000000000c005", "ubuntu-pro-server/images/hvm-ssd/ubuntu-jammy-22.04-amd64-pro-server-20240320", "2024-03-20T08:00:00.000Z"),
      image("ami-0000000000000c006", "ubuntu-minimal/images/hvm-ssd/ubuntu-jammy-22.04-amd64-minimal-20240318", "2024-03-18T08:00:00.000Z"),
      image("ami-0000000000000c007", "ubuntu/images/hvm-ssd-gp3/ubuntu-jammy-22.04-amd64-server-20240322", "2024-03-22T08:00:00.000Z"),
      image("ami-0000000000000c008", "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-20240325", "2024-03-25T08:00:00.000Z"))));

  private static String image(String id, String name, String created) {
    return """
        {"ImageId": "%s", "Name": "%s", "OwnerId": "099720109477", "ImageOwnerAlias": "amazon", "Public": true,
         "State": "available", "CreationDate": "%s", "Architecture": "%s",
         "Description": "Canonical, Ubuntu, 22.04 LTS, %s jammy image build on %s"}"""
        .formatted(id, name, created, name.contains("arm64") ? "arm64" : "x86_64", name.contains("arm64") ? "arm64" : "amd64",
            created.substring(0, 10));
  }

  @TempDir Path dir;

  @Test
  void theNewestReleaseBuildIsTheNewestOfItsFamilyAndAnOlderOneSaysHowFarBehind() {
    String jammy = "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*";
    try (Database db = TestStores.open(dir)) {
      byte[] json = IMAGES.getBytes(StandardCharsets.UTF_8);
      TestApp.load(db, List.of(new SnapshotImageSource.Snapshot("eu-west-1", "test", () -> new ByteArrayInputStream(json))));

      FamilyVersions family = db.read(h -> FamilyVersions.find(h, "amazon", jammy));
      // The respin (.1) is newer than its day's first build; the daily, Pro, Minimal, gp3 and arm64
      // builds, though newer, are not versions of this line.
      assertThat(family.versions()).extracting(FamilyVersions.Version::name).containsExactly(
          "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240301",
          "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207.1",
          "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207");
      FamilyVersions.Standing first = family.standing("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207");
      assertThat(first.newer()).isEqualTo(2);
      assertThat(first.newest().name()).isEqualTo("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240301");
      assertThat(first.daysNewer()).isEqualTo(23);
      assertThat(db.read(h -> FamilyVersions.find(h, "amazon", "ubuntu/images-testing/hvm-ssd/ubuntu-jammy-daily-amd64-server-*"))
          .versions()).hasSize(1);

      try (TestApp app = TestApp.serve(db)) {
        FormSession visitor = new FormSession(app);
        Document page = visitor.page(Urls.family("amazon", jammy));
        assertThat(page.select("#versions > li").eachAttr("data-version")).containsExactly(
            "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240301",
            "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207.1",
            "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207");
        assertThat(page.selectFirst("#family-latest tr[data-region=eu-west-1]").text()).contains("ami-0000000000000c003");
        Document old = visitor.page("/images/eu-west-1/ami-0000000000000c001");
        assertThat(old.selectFirst("#family-standing").text()).startsWith("Superseded: 2 newer versions, the newest is")
            .contains("20240301");
      }
    }
  }
}
