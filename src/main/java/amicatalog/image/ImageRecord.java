package amicatalog.image;

import amicatalog.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every DescribeImages field of one image, as stored. Built from the AWS CLI's JSON shape, which
 * both sources produce ({@link SdkJson} turns SDK objects into it), so the two cannot drift.
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
    String productCodes, String blockDeviceMappings, String tags, String tagsText) {

  /** Reads one element of describe-images' "Images" array. */
  public static ImageRecord fromJson(JsonNode n) {
    String imageId = text(n, "ImageId");
    if (imageId == null || !imageId.startsWith("ami-")) {
      throw new IllegalArgumentException("an image without a valid ImageId: " + abbreviate(n));
    }
    Map<String, String> tags = new TreeMap<>();
    for (JsonNode t : n.path("Tags")) tags.put(t.path("Key").asText(), t.path("Value").asText());
    JsonNode reason = n.path("StateReason");
    String stateReason = reason.isObject()
        ? String.join(": ", reason.path("Code").asText(""), reason.path("Message").asText("")) : null;
    return new ImageRecord(
        imageId, text(n, "Name"), text(n, "Description"), text(n, "OwnerId"), text(n, "ImageOwnerAlias"),
        text(n, "Architecture"), text(n, "Platform"), text(n, "PlatformDetails"), text(n, "UsageOperation"),
        text(n, "VirtualizationType"), text(n, "Hypervisor"), text(n, "RootDeviceType"), text(n, "RootDeviceName"),
        text(n, "ImageType"), text(n, "ImageLocation"), text(n, "KernelId"), text(n, "RamdiskId"),
        text(n, "State"), stateReason, bool(n, "Public"), bool(n, "EnaSupport"), text(n, "SriovNetSupport"),
        text(n, "BootMode"), text(n, "ImdsSupport"), text(n, "TpmSupport"),
        text(n, "CreationDate"), text(n, "DeprecationTime"), text(n, "LastLaunchedTime"),
        text(n, "DeregistrationProtection"),
        text(n, "SourceImageId"), text(n, "SourceImageRegion"), text(n, "SourceInstanceId"),
        bool(n, "FreeTierEligible"),
        nonEmptyArray(n.get("ProductCodes")), nonEmptyArray(n.get("BlockDeviceMappings")),
        tags.isEmpty() ? null : Json.write(tags), tagsText(tags));
  }

  /** A stable fingerprint of every stored field: equal hashes mean nothing to write. */
  public long contentHash() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(fingerprintText().getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) h = (h << 8) | (d[i] & 0xff);
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.lang.reflect.RecordComponent[] COMPONENTS = ImageRecord.class.getRecordComponents();
  private static final java.lang.invoke.MethodHandle[] ACCESSORS = accessors();

  /**
   * Every field by name in a fixed order (the text the record's toString() gives), built without
   * the String.format that Java 17's record toString() uses, which made hashing 3x slower.
   */
  String fingerprintText() {
    StringBuilder sb = new StringBuilder(1024).append("ImageRecord[");
    try {
      for (int i = 0; i < COMPONENTS.length; i++) {
        if (i > 0) sb.append(", ");
        sb.append(COMPONENTS[i].getName()).append('=').append((Object) ACCESSORS[i].invoke(this));
      }
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    return sb.append(']').toString();
  }

  private static java.lang.invoke.MethodHandle[] accessors() {
    java.lang.invoke.MethodHandle[] handles = new java.lang.invoke.MethodHandle[COMPONENTS.length];
    try {
      for (int i = 0; i < handles.length; i++) handles[i] = java.lang.invoke.MethodHandles.lookup().unreflect(COMPONENTS[i].getAccessor());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return handles;
  }

  public Map<String, String> tagMap() {
    Map<String, String> map = new TreeMap<>();
    if (tags != null) Json.read(tags).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    String s = v.isValueNode() ? v.asText() : Json.write(v);
    return s.isEmpty() ? null : s;
  }

  private static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asBoolean();
  }

  private static String nonEmptyArray(JsonNode v) {
    return v instanceof ArrayNode a && !a.isEmpty() ? Json.write(sorted(a)) : null;
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
