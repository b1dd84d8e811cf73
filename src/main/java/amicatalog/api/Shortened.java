package amicatalog.api;

import amicatalog.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.xml.sax.InputSource;

/**
 * A real answer cut to what shows its shape on a page: JSON with each list down to its first item
 * (the text says how many more there were), CSV and text to their first lines, Atom indented and
 * cut the same way.
 */
final class Shortened {
  /** Where a JSON line is broken. */
  static final int WIDTH = 100;
  static final int LINES = 60;
  static final int CSV_ROWS = 5;

  private Shortened() {}

  /** The text shown, and a note saying how it was cut (null when it is whole). */
  record Text(String text, String note) {}

  static Text of(Endpoint.Format format, SelfRequests.Answer answer) {
    return switch (format) {
      case JSON -> json(answer);
      case CSV -> lines(answer.text(), CSV_ROWS + 1, answer.complete(), "lines");
      case ATOM -> lines(indentedXml(answer.text()), 30, answer.complete(), "lines");
      case PROMETHEUS -> lines(answer.text(), 16, answer.complete(), "lines");
    };
  }

  /** An error as it came: JSON from the API, else its first lines. */
  static Text error(SelfRequests.Answer answer) {
    return answer.contentType().startsWith("application/json") ? json(answer) : lines(answer.text(), 16, answer.complete(), "lines");
  }

  private static Text json(SelfRequests.Answer answer) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(answer.text());
    } catch (JsonProcessingException e) {
      return lines(answer.text(), LINES, answer.complete(), "lines");
    }
    int[] cuts = {0};
    StringBuilder text = new StringBuilder();
    write(shorten(node, cuts), "", 0, text);
    return new Text(text.toString(), cuts[0] == 0 ? null
        : "Shortened: each list shows its first item; \"… N more\" says how many more it holds.");
  }

  /** Each list after its first item becomes a "… N more" note; everything else is kept. */
  static JsonNode shorten(JsonNode node, int[] cuts) {
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      if (node.size() > 0) out.add(shorten(node.get(0), cuts));
      if (node.size() > 1) {
        out.add("… " + (node.size() - 1) + " more");
        cuts[0]++;
      }
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(f -> out.set(f.getKey(), shorten(f.getValue(), cuts)));
      return out;
    }
    return node;
  }

  /**
   * Indented JSON in which an object or list that fits on its line stays on one line (a facet
   * value, a tag): half as many lines as Jackson's pretty printer, and easier to read.
   * {@code used}: the characters already on the line.
   */
  static void write(JsonNode node, String indent, int used, StringBuilder out) {
    String inline = inline(node);
    if (!node.isContainerNode() || node.isEmpty() || used + inline.length() <= WIDTH) {
      out.append(inline);
      return;
    }
    String inner = indent + "  ";
    out.append(node.isObject() ? '{' : '[');
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> fields = entries(node); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      out.append(first ? "\n" : ",\n").append(inner);
      first = false;
      String key = field.getKey() == null ? "" : Json.write(field.getKey()) + ": ";
      out.append(key);
      write(field.getValue(), inner, inner.length() + key.length(), out);
    }
    out.append('\n').append(indent).append(node.isObject() ? '}' : ']');
  }

  private static String inline(JsonNode node) {
    StringBuilder out = new StringBuilder();
    if (!node.isContainerNode()) return Json.write(node);
    out.append(node.isObject() ? '{' : '[');
    for (Iterator<Map.Entry<String, JsonNode>> fields = entries(node); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey() != null) out.append(Json.write(field.getKey())).append(": ");
      out.append(inline(field.getValue()));
      if (fields.hasNext()) out.append(", ");
    }
    return out.append(node.isObject() ? '}' : ']').toString();
  }

  /** An object's fields, or a list's items with a null key. */
  private static Iterator<Map.Entry<String, JsonNode>> entries(JsonNode node) {
    if (node.isObject()) return node.fields();
    List<Map.Entry<String, JsonNode>> items = new java.util.ArrayList<>();
    node.forEach(item -> items.add(new java.util.AbstractMap.SimpleEntry<>(null, item)));
    return items.iterator();
  }

  /** The first {@code most} lines; {@code complete} false means the answer itself was read only in part. */
  static Text lines(String text, int most, boolean complete, String unit) {
    List<String> lines = text.lines().toList();
    if (lines.size() <= most && complete) return new Text(text.strip(), null);
    String shown = String.join("\n", lines.subList(0, Math.min(most, lines.size())));
    String more = complete ? (lines.size() - most) + " more " + unit : "more " + unit;
    return new Text(shown + "\n…", "Shortened: the first " + Math.min(most, lines.size()) + " " + unit + "; " + more
        + " follow.");
  }

  /** XML with one element a line, indented; the text as it was when it does not parse (say, cut off). */
  static String indentedXml(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      var document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
      TransformerFactory transformers = TransformerFactory.newInstance();
      transformers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      var transformer = transformers.newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toString();
    } catch (Exception e) {  // any parser or transformer failure: show the text as it came
      return xml;
    }
  }
}
