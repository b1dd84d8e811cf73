package amicatalog.image;

import amicatalog.common.Dates;
import amicatalog.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every DescribeImages field of one image, as stored. Built from the AWS CLI's JSON shape, which
 * both sources produce ({@link SdkJson} turns SDK objects into it), so the two cannot drift; and
 * given back in that shape by {@link #ec2Json()}, which is what the JSON API serves.
 *
 * <p>Nested values (block devices, product codes, state reason, watermarks) are kept as canonical
 * JSON text (keys sorted), tags as a JSON object {key: value}. Times are UTC instants in AWS's
 * shape ({@link Dates#utc}); a time given in another shape keeps its text in {@code timesAsGiven}.
 * A field this record has no component for (ScanResults, InstanceTypeSpecification, and whatever
 * EC2 adds later) is kept as given in {@code otherFields}, so nothing a source says is dropped.
 */
public record ImageRecord(
    String imageId, String name, String description, String ownerId, String ownerAlias,
    String architecture, String platform, String platformDetails, String usageOperation,
    String virtualizationType, String hypervisor, String rootDeviceType, String rootDeviceName,
    String imageType, String imageLocation, String kernelId, String ramdiskId,
    String state, String stateReason, Boolean isPublic, Boolean enaSupport, String sriovNetSupport,
    String bootMode, String imdsSupport, String tpmSupport,
    String creationDate, String deprecationTime, String lastLaunchedTime, String deregistrationProtection,
    String sourceImageId, String sourceImageRegion, String sourceInstanceId, Boolean freeTierEligible,
    String productCodes, String blockDeviceMappings, String tags, String tagsText,
    Boolean imageAllowed, String publicSsmParameterName, String imageWatermarks, String otherFields,
    String timesAsGiven) {

  /** The time fields, by their EC2 names: stored as UTC instants. */
  private static final List<String> TIMES = List.of("CreationDate", "DeprecationTime", "LastLaunchedTime");

  /**
   * Every field with a component, by its EC2 name, in the order the AWS CLI prints them (the SDK
   * model's order). Any other field goes to {@code otherFields}.
   */
  public static final List<String> EC2_FIELDS = List.of(
      "PlatformDetails", "UsageOperation", "BlockDeviceMappings", "Description", "EnaSupport", "Hypervisor",
      "ImageOwnerAlias", "Name", "RootDeviceName", "RootDeviceType", "SriovNetSupport", "StateReason", "Tags",
      "VirtualizationType", "BootMode", "TpmSupport", "DeprecationTime", "ImdsSupport", "SourceInstanceId",
      "DeregistrationProtection", "LastLaunchedTime", "ImageAllowed", "SourceImageId", "SourceImageRegion",
      "FreeTierEligible", "PublicSsmParameterName", "ImageWatermarks", "ImageId", "ImageLocation", "State",
      "OwnerId", "CreationDate", "ProductCodes", "Architecture", "ImageType", "KernelId", "RamdiskId", "Platform",
      "Public");
  private static final java.util.Set<String> KNOWN = java.util.Set.copyOf(EC2_FIELDS);

  /** Reads one element of describe-images' "Images" array. */
  public static ImageRecord fromJson(JsonNode n) {
    String imageId = text(n, "ImageId");
    if (imageId == null || !imageId.startsWith("ami-")) {
      throw new IllegalArgumentException("an image without a valid ImageId: " + abbreviate(n));
    }
    Map<String, String> tags = new TreeMap<>();
    for (JsonNode t : n.path("Tags")) tags.put(t.path("Key").asText(), t.path("Value").asText());
    Map<String, String> given = new TreeMap<>();
    Map<String, String> times = new HashMap<>();
    for (String field : TIMES) {
      String text = text(n, field);
      String utc = Dates.utc(text);
      times.put(field, utc);
      if (text != null && !text.equals(utc)) given.put(field, text);
    }
    ObjectNode other = Json.MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!KNOWN.contains(e.getKey()) && !absent(e.getValue())) other.set(e.getKey(), e.getValue());
    }
    return new ImageRecord(
        imageId, text(n, "Name"), text(n, "Description"), text(n, "OwnerId"), text(n, "ImageOwnerAlias"),
        text(n, "Architecture"), text(n, "Platform"), text(n, "PlatformDetails"), text(n, "UsageOperation"),
        text(n, "VirtualizationType"), text(n, "Hypervisor"), text(n, "RootDeviceType"), text(n, "RootDeviceName"),
        text(n, "ImageType"), text(n, "ImageLocation"), text(n, "KernelId"), text(n, "RamdiskId"),
        text(n, "State"), object(n.get("StateReason")), bool(n, "Public"), bool(n, "EnaSupport"),
        text(n, "SriovNetSupport"),
        text(n, "BootMode"), text(n, "ImdsSupport"), text(n, "TpmSupport"),
        times.get("CreationDate"), times.get("DeprecationTime"), times.get("LastLaunchedTime"),
        text(n, "DeregistrationProtection"),
        text(n, "SourceImageId"), text(n, "SourceImageRegion"), text(n, "SourceInstanceId"),
        bool(n, "FreeTierEligible"),
        nonEmptyArray(n.get("ProductCodes")), nonEmptyArray(n.get("BlockDeviceMappings")),
        tags.isEmpty() ? null : Json.write(tags), tagsText(tags),
        bool(n, "ImageAllowed"), text(n, "PublicSsmParameterName"), nonEmptyArray(n.get("ImageWatermarks")),
        other.isEmpty() ? null : Json.write(sorted(other)), given.isEmpty() ? null : Json.write(given));
  }

  /**
   * The image as {@code aws ec2 describe-images --output json} shows it: EC2's field names, nested
   * values as JSON (tags as [{Key, Value}], in key order), times in UTC; every field of
   * {@link #EC2_FIELDS} present, null when the image has none, then any other field as given.
   */
  public ObjectNode ec2Json() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("PlatformDetails", platformDetails);
    n.put("UsageOperation", usageOperation);
    n.set("BlockDeviceMappings", json(blockDeviceMappings));
    n.put("Description", description);
    n.put("EnaSupport", enaSupport);
    n.put("Hypervisor", hypervisor);
    n.put("ImageOwnerAlias", ownerAlias);
    n.put("Name", name);
    n.put("RootDeviceName", rootDeviceName);
    n.put("RootDeviceType", rootDeviceType);
    n.put("SriovNetSupport", sriovNetSupport);
    n.set("StateReason", json(stateReason));
    if (tags == null) {
      n.putNull("Tags");
    } else {
      ArrayNode list = n.putArray("Tags");
      tagMap().forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    }
    n.put("VirtualizationType", virtualizationType);
    n.put("BootMode", bootMode);
    n.put("TpmSupport", tpmSupport);
    n.put("DeprecationTime", deprecationTime);
    n.put("ImdsSupport", imdsSupport);
    n.put("SourceInstanceId", sourceInstanceId);
    n.put("DeregistrationProtection", deregistrationProtection);
    n.put("LastLaunchedTime", lastLaunchedTime);
    n.put("ImageAllowed", imageAllowed);
    n.put("SourceImageId", sourceImageId);
    n.put("SourceImageRegion", sourceImageRegion);
    n.put("FreeTierEligible", freeTierEligible);
    n.put("PublicSsmParameterName", publicSsmParameterName);
    n.set("ImageWatermarks", json(imageWatermarks));
    n.put("ImageId", imageId);
    n.put("ImageLocation", imageLocation);
    n.put("State", state);
    n.put("OwnerId", ownerId);
    n.put("CreationDate", creationDate);
    n.set("ProductCodes", json(productCodes));
    n.put("Architecture", architecture);
    n.put("ImageType", imageType);
    n.put("KernelId", kernelId);
    n.put("RamdiskId", ramdiskId);
    n.put("Platform", platform);
    n.put("Public", isPublic);
    if (otherFields != null) Json.read(otherFields).fields().forEachRemaining(e -> n.set(e.getKey(), e.getValue()));
    return n;
  }

  /** "Code: Message" of the state reason, as people read it; null when there is none. */
  public String stateReasonText() {
    if (stateReason == null) return null;
    JsonNode r = Json.read(stateReason);
    String code = r.path("Code").asText(""), message = r.path("Message").asText("");
    return code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message;
  }

  /** The times an import gave in another shape than AWS's, by EC2 field name (empty when none). */
  public Map<String, String> timesAsGivenMap() {
    Map<String, String> map = new TreeMap<>();
    if (timesAsGiven != null) Json.read(timesAsGiven).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /** One digest a thread, reused (digest() resets it): getInstance looks the provider up every time. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** A stable fingerprint of every stored field: equal hashes mean nothing to write. */
  public long contentHash() {
    byte[] d = SHA256.get().digest(fingerprintText().getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) h = (h << 8) | (d[i] & 0xff);
    return h;
  }

  /**
   * Every field by name in the record's order, as its toString() gives them: the text an image's
   * content hash is taken of, so it must never change for the same fields. Written out rather than
   * read by reflection: invoking the accessors' method handles one by one took most of the time of a
   * re-sync that changes nothing. Components added after the first release (migration V7 on) count
   * only when set, so that an image that has none of them keeps the hash it was stored with (an
   * upgrade does not rewrite every row at the next sync). A new component goes at the end, as
   * {@code added}: ImageRecordHashTest holds the list and the text against the reflective reading.
   */
  String fingerprintText() {
    StringBuilder sb = new StringBuilder(1024).append("ImageRecord[")
        .append("imageId=").append(imageId)
        .append(", name=").append(name)
        .append(", description=").append(description)
        .append(", ownerId=").append(ownerId)
        .append(", ownerAlias=").append(ownerAlias)
        .append(", architecture=").append(architecture)
        .append(", platform=").append(platform)
        .append(", platformDetails=").append(platformDetails)
        .append(", usageOperation=").append(usageOperation)
        .append(", virtualizationType=").append(virtualizationType)
        .append(", hypervisor=").append(hypervisor)
        .append(", rootDeviceType=").append(rootDeviceType)
        .append(", rootDeviceName=").append(rootDeviceName)
        .append(", imageType=").append(imageType)
        .append(", imageLocation=").append(imageLocation)
        .append(", kernelId=").append(kernelId)
        .append(", ramdiskId=").append(ramdiskId)
        .append(", state=").append(state)
        .append(", stateReason=").append(stateReason)
        .append(", isPublic=").append(isPublic)
        .append(", enaSupport=").append(enaSupport)
        .append(", sriovNetSupport=").append(sriovNetSupport)
        .append(", bootMode=").append(bootMode)
        .append(", imdsSupport=").append(imdsSupport)
        .append(", tpmSupport=").append(tpmSupport)
        .append(", creationDate=").append(creationDate)
        .append(", deprecationTime=").append(deprecationTime)
        .append(", lastLaunchedTime=").append(lastLaunchedTime)
        .append(", deregistrationProtection=").append(deregistrationProtection)
        .append(", sourceImageId=").append(sourceImageId)
        .append(", sourceImageRegion=").append(sourceImageRegion)
        .append(", sourceInstanceId=").append(sourceInstanceId)
        .append(", freeTierEligible=").append(freeTierEligible)
        .append(", productCodes=").append(productCodes)
        .append(", blockDeviceMappings=").append(blockDeviceMappings)
        .append(", tags=").append(tags)
        .append(", tagsText=").append(tagsText);
    added(sb, "imageAllowed", imageAllowed);
    added(sb, "publicSsmParameterName", publicSsmParameterName);
    added(sb, "imageWatermarks", imageWatermarks);
    added(sb, "otherFields", otherFields);
    added(sb, "timesAsGiven", timesAsGiven);
    return sb.append(']').toString();
  }

  private static void added(StringBuilder sb, String name, Object value) {
    if (value != null) sb.append(", ").append(name).append('=').append(value);
  }

  public Map<String, String> tagMap() {
    Map<String, String> map = new TreeMap<>();
    if (tags != null) Json.read(tags).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    // An empty text is kept: a Description of "" is what EC2 said, not an absent one.
    return v.isValueNode() ? v.asText() : Json.write(v);
  }

  private static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asBoolean();
  }

  private static String nonEmptyArray(JsonNode v) {
    return v instanceof ArrayNode a && !a.isEmpty() ? Json.write(sorted(a)) : null;
  }

  private static String object(JsonNode v) {
    return v instanceof ObjectNode o && !o.isEmpty() ? Json.write(sorted(o)) : null;
  }

  /** Null, an empty list or an empty object: the SDK gives an empty list for a list EC2 did not send. */
  private static boolean absent(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode() || (v.isContainerNode() && v.isEmpty());
  }

  private static JsonNode json(String text) {
    return text == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : Json.read(text);
  }

  /** Sorts object keys recursively, so the same data always has the same text. */
  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode copy = Json.MAPPER.createObjectNode();
      new TreeMap<String, JsonNode>(Map.ofEntries(entries(o))).forEach((k, v) -> copy.set(k, sorted(v)));
      return copy;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      a.forEach(v -> copy.add(sorted(v)));
      return copy;
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Map.Entry<String, JsonNode>[] entries(ObjectNode o) {
    java.util.List<Map.Entry<String, JsonNode>> list = new java.util.ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) list.add(it.next());
    return list.toArray(new Map.Entry[0]);
  }

  private static String tagsText(Map<String, String> tags) {
    if (tags.isEmpty()) return null;
    StringBuilder sb = new StringBuilder();
    tags.forEach((k, v) -> sb.append(k).append(' ').append(v).append(' '));
    return sb.toString().trim();
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
