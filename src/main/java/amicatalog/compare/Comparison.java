package amicatalog.compare;

import amicatalog.common.Dates;
import amicatalog.common.Json;
import amicatalog.compare.CompareQueries.Compared;
import amicatalog.image.ImageRecord;
import amicatalog.image.Platforms;
import amicatalog.image.Publishers;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The comparison table: one column per image, one row per attribute (every DescribeImages field,
 * each block device, each tag key, product codes, the catalog's history), and which rows differ.
 * Values are text as people read them; an attribute an image lacks is "".
 */
public record Comparison(List<Section> sections) {

  public record Section(String title, List<Row> rows) {}

  /** One attribute across the images; {@code differs} when not every column says the same. */
  public record Row(String label, List<String> values, boolean differs) {}

  private record Attribute(String label, Function<Compared, String> value) {}

  private static final List<Attribute> IMAGE = List.of(
      field("Image ID", ImageRecord::imageId), new Attribute("Region", c -> c.key().region()),
      field("Name", ImageRecord::name), field("Description", ImageRecord::description),
      field("Owner", i -> Publishers.label(i.ownerId(), i.ownerAlias())), field("Owner account", ImageRecord::ownerId),
      new Attribute("Category", c -> c.meta().category()),
      field("State", ImageRecord::state), field("State reason", ImageRecord::stateReasonText),
      field("Created", i -> when(i.creationDate())), field("Deprecation", i -> when(i.deprecationTime())),
      field("Last launched", i -> when(i.lastLaunchedTime())), field("Public", i -> yesNo(i.isPublic())),
      field("Image type", ImageRecord::imageType), field("Image location", ImageRecord::imageLocation),
      field("Source image", i -> i.sourceImageId() == null ? null
          : i.sourceImageId() + (i.sourceImageRegion() == null ? "" : " in " + i.sourceImageRegion())),
      field("Source instance", ImageRecord::sourceInstanceId),
      field("Deregistration protection", ImageRecord::deregistrationProtection),
      field("Free tier eligible", i -> yesNo(i.freeTierEligible())),
      field("Allowed in this account", i -> yesNo(i.imageAllowed())),
      field("Public SSM parameter", ImageRecord::publicSsmParameterName),
      field("Watermarks", Comparison::watermarks));

  private static final List<Attribute> PLATFORM = List.of(
      field("Architecture", ImageRecord::architecture), field("Platform", Platforms::of),
      field("Platform details", ImageRecord::platformDetails), field("Usage operation", ImageRecord::usageOperation),
      field("Virtualization", ImageRecord::virtualizationType), field("Hypervisor", ImageRecord::hypervisor),
      field("Root device type", ImageRecord::rootDeviceType), field("Root device name", ImageRecord::rootDeviceName),
      field("Boot mode", ImageRecord::bootMode), field("ENA support", i -> yesNo(i.enaSupport())),
      field("SR-IOV", ImageRecord::sriovNetSupport), field("IMDS support", ImageRecord::imdsSupport),
      field("NitroTPM", ImageRecord::tpmSupport), field("Kernel ID", ImageRecord::kernelId),
      field("RAM disk ID", ImageRecord::ramdiskId));

  private static final List<Attribute> CATALOG = List.of(
      new Attribute("First seen", c -> when(c.meta().firstSeen())),
      new Attribute("Last changed", c -> when(c.meta().lastChanged())),
      new Attribute("Gone since", c -> when(c.meta().removedAt())),
      new Attribute("Latest events", c -> String.join("\n", c.events().stream()
          .map(e -> Dates.day(e.at()) + " " + e.kind()).toList())));

  static Comparison of(List<Compared> images) {
    List<Section> sections = new ArrayList<>();
    sections.add(section("Image", rows(IMAGE, images)));
    sections.add(section("Platform", rows(PLATFORM, images)));
    sections.add(section("Block devices", keyed(images, Comparison::devices)));
    sections.add(section("Tags", keyed(images, c -> c.image().tagMap())));
    sections.add(section("Product codes", rows(List.of(field("Product codes", Comparison::productCodes)), images)));
    sections.add(section("Catalog", rows(CATALOG, images)));
    return new Comparison(sections.stream().filter(s -> !s.rows().isEmpty()).toList());
  }

  /** The same table with only the rows that differ (sections left empty are dropped). */
  Comparison onlyDifferences() {
    return new Comparison(sections.stream()
        .map(s -> new Section(s.title(), s.rows().stream().filter(Row::differs).toList()))
        .filter(s -> !s.rows().isEmpty()).toList());
  }

  int differing() {
    return sections.stream().mapToInt(s -> (int) s.rows().stream().filter(Row::differs).count()).sum();
  }

  private static Section section(String title, List<Row> rows) {
    return new Section(title, rows);
  }

  private static List<Row> rows(List<Attribute> attributes, List<Compared> images) {
    List<Row> rows = new ArrayList<>();
    for (Attribute a : attributes) {
      List<String> values = images.stream().map(c -> Objects.requireNonNullElse(a.value().apply(c), "")).toList();
      if (values.stream().anyMatch(v -> !v.isEmpty())) rows.add(row(a.label(), values));
    }
    return rows;
  }

  /** Rows named by a key (a device name, a tag key) that any of the images has. */
  private static List<Row> keyed(List<Compared> images, Function<Compared, Map<String, String>> entries) {
    List<Map<String, String>> perImage = images.stream().map(entries).toList();
    Set<String> keys = new LinkedHashSet<>();
    perImage.forEach(m -> keys.addAll(m.keySet()));
    List<Row> rows = new ArrayList<>();
    for (String key : keys) rows.add(row(key, perImage.stream().map(m -> m.getOrDefault(key, "")).toList()));
    return rows;
  }

  private static Row row(String label, List<String> values) {
    return new Row(label, values, values.stream().distinct().count() > 1);
  }

  /** Device name → "snap-… · 8 GiB · gp3 · 3000 IOPS · encrypted · deleted on termination", devices in name order. */
  private static Map<String, String> devices(Compared c) {
    Map<String, String> devices = new LinkedHashMap<>();
    if (c.image().blockDeviceMappings() == null) return devices;
    Set<String> names = new TreeSet<>();
    Map<String, String> byName = new LinkedHashMap<>();
    for (JsonNode m : Json.read(c.image().blockDeviceMappings())) {
      JsonNode ebs = m.path("Ebs");
      List<String> parts = new ArrayList<>();
      if (m.has("NoDevice")) parts.add("(no device)");
      if (m.has("VirtualName")) parts.add(m.path("VirtualName").asText());
      if (ebs.has("SnapshotId")) parts.add(ebs.path("SnapshotId").asText());
      if (ebs.has("VolumeSize")) parts.add(ebs.path("VolumeSize").asText() + " GiB");
      if (ebs.has("VolumeType")) parts.add(ebs.path("VolumeType").asText());
      if (ebs.has("Iops")) parts.add(ebs.path("Iops").asText() + " IOPS");
      if (ebs.has("Throughput")) parts.add(ebs.path("Throughput").asText() + " MiB/s");
      if (ebs.has("Encrypted")) parts.add(ebs.path("Encrypted").asBoolean() ? "encrypted" : "not encrypted");
      if (ebs.has("DeleteOnTermination")) {
        parts.add(ebs.path("DeleteOnTermination").asBoolean() ? "deleted on termination" : "kept on termination");
      }
      String name = m.path("DeviceName").asText("(unnamed)");
      names.add(name);
      byName.put(name, String.join(" · ", parts));
    }
    names.forEach(n -> devices.put(n, byName.get(n)));
    return devices;
  }

  private static String watermarks(ImageRecord i) {
    if (i.imageWatermarks() == null) return null;
    List<String> keys = new ArrayList<>();
    for (JsonNode w : Json.read(i.imageWatermarks())) keys.add(w.path("WatermarkKey").asText());
    return String.join("\n", keys);
  }

  private static String productCodes(ImageRecord i) {
    if (i.productCodes() == null) return null;
    List<String> codes = new ArrayList<>();
    for (JsonNode p : Json.read(i.productCodes())) {
      codes.add(p.path("ProductCodeId").asText() + " (" + p.path("ProductCodeType").asText("") + ")");
    }
    return String.join("\n", codes);
  }

  private static Attribute field(String label, Function<ImageRecord, String> value) {
    return new Attribute(label, c -> value.apply(c.image()));
  }

  private static String when(String iso) {
    if (iso == null) return null;
    return iso.length() >= 16 ? Dates.day(iso) + " " + iso.substring(11, 16) + " UTC" : iso;
  }

  private static String yesNo(Boolean b) {
    return b == null ? null : b ? "yes" : "no";
  }
}
