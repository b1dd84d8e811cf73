package amicatalog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.image.Category;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark's generator: deterministic, and shaped like the real describe-images data. */
class SyntheticImageSourceTest {
  private static final int N = 6_000;

  /** The real name families (as in the demo data and AWS), each as its own pattern. */
  private static final Map<String, Pattern> FAMILIES = Map.of(
      "ecs-al2", Pattern.compile("amzn2-ami-ecs(-gpu|-inf|-kernel-5\\.10(-gpu)?)?-hvm-2\\.0\\.20\\d{6}-(x86_64|arm64)-ebs"),
      "al2023", Pattern.compile("al2023-ami-(minimal-)?2023\\.\\d\\.20\\d{6}\\.0-kernel-6\\.1-(x86_64|arm64)"),
      "ecs-al2023", Pattern.compile("al2023-ami-ecs(-neuron|-gpu)?-hvm-2023\\.0\\.20\\d{6}-kernel-6\\.1-(x86_64|arm64)"),
      "al2", Pattern.compile("amzn2-ami-(kernel-5\\.10-)?hvm-2\\.0\\.20\\d{6}\\.0-(x86_64|arm64)-gp2"),
      "windows", Pattern.compile("Windows_Server-20\\d\\d-English-(Full|Core)-[A-Za-z0-9_]+-20\\d\\d\\.\\d\\d\\.\\d\\d"),
      "ubuntu", Pattern.compile("ubuntu/images/hvm-ssd(-gp3)?/ubuntu-[a-z]+-\\d\\d\\.04-(amd64|arm64)-server-20\\d{6}"),
      "fedora-coreos", Pattern.compile("fedora-coreos-\\d\\d\\.20\\d{6}\\.[123]\\.\\d-(x86_64|aarch64)"),
      "debian", Pattern.compile("debian-1[0-2]-(amd64|arm64)-20\\d{6}-\\d{4}"),
      "rhel", Pattern.compile("RHEL-[789]\\.\\d\\.0_HVM-20\\d{6}-(x86_64|arm64)-\\d+-Hourly2-GP3"),
      "other", Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]+-20\\d{6}(\\d{4}|-\\d+|-[0-9a-f-]{36})"));

  private static List<ImageRecord> all(SyntheticImageSource source, Scope scope) {
    List<ImageRecord> images = new ArrayList<>();
    for (String region : source.regions()) {
      source.list(region, scope, page -> {
        assertThat(page.size()).isBetween(1, SyntheticImageSource.PAGE_SIZE);
        images.addAll(page);
      });
    }
    return images;
  }

  @Test
  void sameSeedSameImagesAndAnotherSeedOthers() {
    List<ImageRecord> a = all(new SyntheticImageSource(N, 7), Scope.IMPORT);
    List<ImageRecord> b = all(new SyntheticImageSource(N, 7), Scope.IMPORT);
    List<ImageRecord> c = all(new SyntheticImageSource(N, 8), Scope.IMPORT);
    assertThat(a).hasSize(N).isEqualTo(b);
    assertThat(c.get(0).imageId()).isNotEqualTo(a.get(0).imageId());
    // a region lists the same images whether or not others were listed before it
    List<ImageRecord> alone = new ArrayList<>();
    new SyntheticImageSource(N, 7).list("eu-west-1", Scope.IMPORT, alone::addAll);
    SyntheticImageSource used = new SyntheticImageSource(N, 7);
    used.list("us-east-1", Scope.IMPORT, page -> {});
    List<ImageRecord> after = new ArrayList<>();
    used.list("eu-west-1", Scope.IMPORT, after::addAll);
    assertThat(alone).hasSize((int) used.count("eu-west-1")).isEqualTo(after);
    assertThat(new HashSet<>(a)).containsAll(alone);
  }

  @Test
  void shapedLikeTheRealData() {
    SyntheticImageSource source = new SyntheticImageSource(N, 1);
    assertThat(source.regions()).hasSize(30).doesNotHaveDuplicates();
    List<ImageRecord> images = all(source, Scope.IMPORT);

    Set<String> ids = new HashSet<>();
    for (ImageRecord i : images) assertThat(ids.add(i.imageId())).as("unique id %s", i.imageId()).isTrue();
    assertThat(images).allSatisfy(i -> {
      assertThat(i.imageId()).matches("ami-0[0-9a-f]{16}");
      assertThat(i.ownerId()).matches("\\d{12}");
      assertThat(i.creationDate()).matches("20(1[7-9]|2[0-6])-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z");
      assertThat(i.architecture()).isIn("x86_64", "arm64");
    });

    double arm = images.stream().filter(i -> i.architecture().equals("arm64")).count() / (double) N;
    assertThat(arm).as("arm64 share (real data: 0.34)").isBetween(0.28, 0.40);

    Map<String, Integer> families = new HashMap<>();
    for (ImageRecord i : images) {
      String family = FAMILIES.entrySet().stream().filter(f -> !f.getKey().equals("other"))
          .filter(f -> f.getValue().matcher(i.name()).matches()).map(Map.Entry::getKey).findFirst()
          .orElseGet(() -> FAMILIES.get("other").matcher(i.name()).matches() ? "other" : "unknown: " + i.name());
      families.merge(family, 1, Integer::sum);
    }
    assertThat(families.keySet()).containsExactlyInAnyOrderElementsOf(FAMILIES.keySet());

    Map<String, Long> categories = new HashMap<>();
    for (ImageRecord i : images) {
      categories.merge(Category.of(i.isPublic(), i.ownerAlias(), i.productCodes(), Scope.IMPORT.bit()).label(), 1L, Long::sum);
    }
    assertThat(categories.get("public")).isBetween(N * 60L / 100, N * 85L / 100);
    assertThat(categories.get("marketplace")).isBetween(N * 6L / 100, N * 20L / 100);
    assertThat(categories.get("private")).isBetween(N * 5L / 100, N * 20L / 100);
    assertThat(images).filteredOn(i -> i.tags() != null).hasSizeBetween(N / 20, N / 4);
    assertThat(images).filteredOn(i -> i.deprecationTime() != null).hasSizeBetween(N / 10, N * 3 / 4);
    assertThat(images).filteredOn(i -> i.blockDeviceMappings() != null)
        .hasSizeBetween(N / 3, N)
        .allSatisfy(i -> assertThat(i.blockDeviceMappings()).contains("\"SnapshotId\":\"snap-0"));
    assertThat(images).filteredOn(i -> "windows".equals(i.platform())).allSatisfy(i -> assertThat(i.architecture()).isEqualTo("x86_64"));
  }

  @Test
  void recordsAreWhatTheCliJsonOfThemWouldGive() {
    for (ImageRecord i : all(new SyntheticImageSource(3_000, 3), Scope.IMPORT)) {
      assertThat(ImageRecord.fromJson(cliJson(i))).isEqualTo(i);
    }
  }

  @Test
  void eachImageHasOneHomeScopeAndSharedOnesAppear() {
    SyntheticImageSource source = new SyntheticImageSource(3_000, 5);
    Set<ImageRecord> everything = new HashSet<>(all(source, Scope.IMPORT));
    Map<Scope, List<ImageRecord>> perScope = new HashMap<>();
    for (Scope s : EnumSet.of(Scope.SELF, Scope.SHARED, Scope.AMAZON, Scope.MARKETPLACE, Scope.COMMUNITY)) {
      perScope.put(s, all(source, s));
    }
    assertThat(perScope.values().stream().mapToInt(List::size).sum()).isEqualTo(3_000);
    assertThat(perScope.values().stream().flatMap(List::stream).collect(Collectors.toSet())).isEqualTo(everything);
    assertThat(perScope.values()).allSatisfy(listed -> assertThat(listed).isNotEmpty());
    assertThat(perScope.get(Scope.SELF)).allSatisfy(i -> assertThat(i.ownerId()).isEqualTo(SyntheticImageSource.OWN_ACCOUNT));
    assertThat(perScope.get(Scope.SHARED)).allSatisfy(i -> assertThat(i.isPublic()).isFalse());
    assertThat(perScope.get(Scope.MARKETPLACE)).allSatisfy(i -> assertThat(i.ownerAlias()).isEqualTo("aws-marketplace"));
  }

  /** The image as `aws ec2 describe-images --output json` would show it. */
  private static ObjectNode cliJson(ImageRecord i) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("ImageId", i.imageId());
    n.put("Name", i.name());
    n.put("Description", i.description());
    n.put("OwnerId", i.ownerId());
    n.put("ImageOwnerAlias", i.ownerAlias());
    n.put("Architecture", i.architecture());
    n.put("Platform", i.platform());
    n.put("PlatformDetails", i.platformDetails());
    n.put("UsageOperation", i.usageOperation());
    n.put("VirtualizationType", i.virtualizationType());
    n.put("Hypervisor", i.hypervisor());
    n.put("RootDeviceType", i.rootDeviceType());
    n.put("RootDeviceName", i.rootDeviceName());
    n.put("ImageType", i.imageType());
    n.put("ImageLocation", i.imageLocation());
    n.put("State", i.state());
    n.put("Public", i.isPublic());
    n.put("EnaSupport", i.enaSupport());
    n.put("SriovNetSupport", i.sriovNetSupport());
    n.put("BootMode", i.bootMode());
    n.put("ImdsSupport", i.imdsSupport());
    n.put("CreationDate", i.creationDate());
    n.put("DeprecationTime", i.deprecationTime());
    n.put("SourceImageId", i.sourceImageId());
    n.put("SourceImageRegion", i.sourceImageRegion());
    if (i.productCodes() != null) n.set("ProductCodes", Json.read(i.productCodes()));
    if (i.blockDeviceMappings() != null) n.set("BlockDeviceMappings", Json.read(i.blockDeviceMappings()));
    if (i.tags() != null) {
      ArrayNode tags = n.putArray("Tags");
      Json.read(i.tags()).properties().forEach(e -> tags.addObject().put("Key", e.getKey()).put("Value", e.getValue().asText()));
    }
    List<String> nulls = new ArrayList<>();
    n.properties().forEach(e -> { if (e.getValue().isNull()) nulls.add(e.getKey()); });
    n.remove(nulls);
    return n;
  }
}
