package amicatalog.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Turns an AWS SDK model object into the JSON the AWS CLI prints for it (PascalCase member
 * names), by walking the SDK's own field metadata: every field, including ones added later.
 */
final class SdkJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** Where the SDK's member name differs from the CLI's JSON key. */
  private static final Map<String, String> CLI_NAMES = Map.of("PublicLaunchPermissions", "Public");

  private SdkJson() {}

  static ObjectNode of(SdkPojo pojo) {
    ObjectNode node = F.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value != null) node.set(cliName(field.memberName()), value(value));
    }
    return node;
  }

  /** The AWS CLI's JSON key for an SDK member. */
  static String cliName(String memberName) {
    return CLI_NAMES.getOrDefault(memberName, memberName);
  }

  private static JsonNode value(Object v) {
    if (v instanceof SdkPojo p) return of(p);
    if (v instanceof Collection<?> c) {
      if (c instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>) return F.arrayNode();
      ArrayNode a = F.arrayNode();
      c.forEach(e -> a.add(value(e)));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      m.forEach((k, e) -> o.set(String.valueOf(k), value(e)));
      return o;
    }
    if (v instanceof Boolean b) return F.booleanNode(b);
    if (v instanceof Integer i) return F.numberNode(i);
    if (v instanceof Long l) return F.numberNode(l);
    if (v instanceof Instant t) return F.textNode(amicatalog.common.Dates.utc(t.toString()));  // AWS's own shape
    return F.textNode(String.valueOf(v));
  }
}
