package amicatalog.launch;

import amicatalog.actions.ActionClaims;
import amicatalog.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * A checked launch: exactly what RunInstances is asked to start. {@code keyName}, {@code name} and
 * {@code rootVolume} (a bigger root volume than the image's) are null when not set; {@code vpcId}
 * and {@code zone} say where the subnet is, for people.
 */
record LaunchRequest(String region, String imageId, String instanceType, int count, String subnetId, String vpcId,
    String zone, List<String> securityGroupIds, String keyName, String name, RootVolume rootVolume, String account) {

  RunInstancesRequest runInstances(boolean dryRun, String clientToken) {
    RunInstancesRequest.Builder b = RunInstancesRequest.builder().dryRun(dryRun).imageId(imageId)
        .instanceType(instanceType).minCount(count).maxCount(count);
    if (subnetId != null) b.subnetId(subnetId);
    if (!securityGroupIds.isEmpty()) b.securityGroupIds(securityGroupIds);
    if (keyName != null) b.keyName(keyName);
    if (name != null) {
      Tag tag = Tag.builder().key("Name").value(name).build();
      b.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tag).build(),
          TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(tag).build());
    }
    if (rootVolume != null) {  // only the size: EC2 keeps the rest of the image's mapping (snapshot, type)
      b.blockDeviceMappings(BlockDeviceMapping.builder().deviceName(rootVolume.deviceName())
          .ebs(EbsBlockDevice.builder().volumeSize(rootVolume.gib()).build()).build());
    }
    if (clientToken != null) b.clientToken(clientToken);
    return b.build();
  }

  /**
   * The idempotency token for one confirmation: a hash of everything confirmed plus the nonce of
   * that confirmation page. Resubmitting the page (double click, back button, retry) gives the same
   * token, so EC2 and the launch log start it once; a new confirmation gets a new nonce, a new launch.
   */
  String clientToken(String nonce) {
    return ActionClaims.token(region, imageId, instanceType, String.valueOf(count), String.valueOf(subnetId),
        String.join(",", securityGroupIds.stream().sorted().toList()), String.valueOf(keyName), String.valueOf(name),
        String.valueOf(rootVolume), String.valueOf(account), nonce);
  }


  /** What the launch log keeps of the request. */
  String json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instanceType", instanceType);
    m.put("count", count);
    m.put("subnetId", subnetId);
    m.put("vpcId", vpcId);
    m.put("availabilityZone", zone);
    m.put("securityGroupIds", securityGroupIds);
    m.put("keyName", keyName);
    m.put("name", name);
    m.put("rootVolume", rootVolume == null ? null : ordered("deviceName", rootVolume.deviceName(), "gib", rootVolume.gib()));
    m.put("account", account);  // the account it acts in (null: none of the catalog's, as the demo)
    return Json.write(m);
  }

  static LaunchRequest fromLog(String region, String imageId, String json) {
    JsonNode n = Json.read(json);
    List<String> groups = new ArrayList<>();
    n.path("securityGroupIds").forEach(g -> groups.add(g.asText()));
    return new LaunchRequest(region, imageId, text(n, "instanceType"), n.path("count").asInt(1), text(n, "subnetId"),
        text(n, "vpcId"), text(n, "availabilityZone"), groups, text(n, "keyName"), text(n, "name"),
        n.path("rootVolume").isObject() ? new RootVolume(n.path("rootVolume").path("deviceName").asText(),
            n.path("rootVolume").path("gib").asInt()) : null, text(n, "account"));
  }

  /** Each choice in words, for the confirmation and result pages. */
  List<Fact> facts() {
    List<Fact> facts = new ArrayList<>();
    if (account != null) facts.add(new Fact("Account", account));
    facts.add(new Fact("Image", imageId + " in " + region));
    facts.add(new Fact("Instance type", instanceType));
    facts.add(new Fact("Number of instances", String.valueOf(count)));
    facts.add(new Fact("Subnet", subnetId == null ? "the default VPC (EC2 picks the zone)" : subnetId + " in " + zone + " (" + vpcId + ")"));
    facts.add(new Fact("Security groups", securityGroupIds.isEmpty() ? "the VPC's default group" : String.join(", ", securityGroupIds)));
    facts.add(new Fact("Key pair", keyName == null ? "none: no SSH key is installed" : keyName));
    facts.add(new Fact("Name tag", name == null ? "none" : name));
    facts.add(new Fact("Root volume", rootVolume == null ? "the image's size"
        : String.format("%,d GiB (%s), bigger than the image's", rootVolume.gib(), rootVolume.deviceName())));
    return facts;
  }

  /** The same launch with the AWS CLI. */
  String cliCommand() {
    List<String> lines = new ArrayList<>();
    lines.add("aws ec2 run-instances --region " + region + " --image-id " + imageId);
    lines.add("  --instance-type " + instanceType + " --count " + count);
    if (subnetId != null) lines.add("  --subnet-id " + subnetId);
    if (!securityGroupIds.isEmpty()) lines.add("  --security-group-ids " + String.join(" ", securityGroupIds));
    if (keyName != null) lines.add("  --key-name " + shellQuote(keyName));
    if (name != null) {
      String tags = Json.write(List.of(Map.of("ResourceType", "instance", "Tags", List.of(Map.of("Key", "Name", "Value", name))),
          Map.of("ResourceType", "volume", "Tags", List.of(Map.of("Key", "Name", "Value", name)))));
      lines.add("  --tag-specifications " + shellQuote(tags));
    }
    if (rootVolume != null) {
      lines.add("  --block-device-mappings " + shellQuote(Json.write(List.of(ordered("DeviceName", rootVolume.deviceName(),
          "Ebs", Map.of("VolumeSize", rootVolume.gib()))))));
    }
    return String.join(" \\\n", lines);
  }

  /** The same launch as a Terraform resource. */
  String terraform() {
    StringBuilder t = new StringBuilder();
    t.append("# provider \"aws\" { region = \"").append(region).append("\" }\n");
    t.append("resource \"aws_instance\" \"").append(resourceName()).append("\" {\n");
    if (count > 1) t.append("  count                  = ").append(count).append('\n');
    t.append("  ami                    = ").append(hcl(imageId)).append('\n');
    t.append("  instance_type          = ").append(hcl(instanceType)).append('\n');
    if (subnetId != null) t.append("  subnet_id              = ").append(hcl(subnetId)).append('\n');
    if (!securityGroupIds.isEmpty()) {
      t.append("  vpc_security_group_ids = [").append(String.join(", ", securityGroupIds.stream().map(LaunchRequest::hcl).toList())).append("]\n");
    }
    if (keyName != null) t.append("  key_name               = ").append(hcl(keyName)).append('\n');
    if (rootVolume != null) t.append("\n  root_block_device {\n    volume_size = ").append(rootVolume.gib()).append("\n  }\n");
    if (name != null) {
      t.append("\n  tags = {\n    Name = ").append(hcl(name)).append("\n  }\n");
      t.append("  volume_tags = {\n    Name = ").append(hcl(name)).append("\n  }\n");
    }
    return t.append("}").toString();
  }

  private String resourceName() {
    String slug = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
    return slug.isEmpty() || !Character.isLetter(slug.charAt(0)) ? "launched" : slug;
  }

  /** A single-quoted shell word: nothing inside is interpreted. */
  static String shellQuote(String s) {
    return s.matches("[A-Za-z0-9._/-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** A quoted HCL string; "${" and "%{" are escaped so a name cannot become an interpolation. */
  static String hcl(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        .replace("${", "$${").replace("%{", "%%{") + "\"";
  }

  /** Two keys in this order (Map.of has none), so the same request always reads the same. */
  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
