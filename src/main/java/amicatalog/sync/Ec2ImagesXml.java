package amicatalog.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.utils.DateUtils;

/**
 * Reads a DescribeImages page (EC2's Query-protocol XML) straight into the JSON {@link SdkJson}
 * makes of the SDK's Image objects, in one streaming pass. The SDK's own reading builds a DOM of
 * the page from StAX events first: 60% of a sync's CPU. What each element means (its JSON name,
 * type, nesting) is taken from the SDK's model of Image, so a field EC2 adds reaches the catalog
 * as soon as the SDK knows it, as before; an element the model does not know is skipped, as the
 * SDK skips it. Ec2ImagesXmlTest holds the two readings equal on moto's answers and the demo data.
 */
public final class Ec2ImagesXml {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final XMLInputFactory XML = factory();
  private static final Struct IMAGE = Struct.of(Image.builder().sdkFields());

  private Ec2ImagesXml() {}

  private enum Kind { STRING, BOOLEAN, INTEGER, LONG, INSTANT, STRUCT, LIST }

  /** A member of a structure: its element, its JSON name, its kind, and for a structure or a list of them, their shape. */
  private record Member(String element, String json, Kind kind, Struct struct, Kind itemKind, int index) {}

  private record Struct(Member[] members, Map<String, Member> byElement) {
    static Struct of(List<SdkField<?>> fields) {
      Member[] members = new Member[fields.size()];
      Map<String, Member> byElement = new HashMap<>();
      for (int i = 0; i < members.length; i++) {
        SdkField<?> f = fields.get(i);
        Kind kind = kind(f.marshallingType());
        Struct struct = null;
        Kind itemKind = null;
        if (kind == Kind.STRUCT) struct = of(((SdkPojo) f.constructor().get()).sdkFields());
        if (kind == Kind.LIST) {
          SdkField<?> item = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
          itemKind = kind(item.marshallingType());
          if (itemKind == Kind.STRUCT) struct = of(((SdkPojo) item.constructor().get()).sdkFields());
        }
        members[i] = new Member(f.unmarshallLocationName(), SdkJson.cliName(f.memberName()), kind, struct, itemKind, i);
        byElement.put(members[i].element(), members[i]);
      }
      return new Struct(members, byElement);
    }
  }

  private static Kind kind(MarshallingType<?> type) {
    if (type == MarshallingType.STRING) return Kind.STRING;
    if (type == MarshallingType.BOOLEAN) return Kind.BOOLEAN;
    if (type == MarshallingType.INTEGER) return Kind.INTEGER;
    if (type == MarshallingType.LONG) return Kind.LONG;
    if (type == MarshallingType.INSTANT) return Kind.INSTANT;
    if (type == MarshallingType.SDK_POJO) return Kind.STRUCT;
    if (type == MarshallingType.LIST) return Kind.LIST;
    throw new IllegalStateException("the SDK's Image has a " + type + " field, which this reader does not know");
  }

  /** A page: its images as SdkJson makes them of the SDK's objects, in the page's order, and its NextToken (null on the last). */
  record Page(List<ObjectNode> images, String nextToken) {}

  static Page read(byte[] page) {
    try {
      XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(page));
      try {
        List<ObjectNode> images = new ArrayList<>();
        String nextToken = null;
        int depth = 0;
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            depth++;
            if (depth == 2 && r.getLocalName().equals("imagesSet")) {
              readImages(r, images);
              depth--;
            } else if (depth == 2 && r.getLocalName().equals("nextToken")) {
              nextToken = r.getElementText();
              depth--;
            } else if (depth == 2) {
              skip(r);
              depth--;
            }
          } else if (event == XMLStreamConstants.END_ELEMENT) {
            depth--;
          }
        }
        return new Page(images, nextToken == null || nextToken.isBlank() ? null : nextToken);
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("EC2 answered DescribeImages with XML that does not parse: " + e.getMessage(), e);
    }
  }

  private static void readImages(XMLStreamReader r, List<ObjectNode> images) throws XMLStreamException {
    while (true) {
      int event = r.nextTag();
      if (event == XMLStreamConstants.END_ELEMENT) return;
      if (r.getLocalName().equals("item")) images.add(struct(r, IMAGE));
      else skip(r);
    }
  }

  /** A structure, from its start tag to its end tag: members in the SDK model's order, absent lists as []. */
  private static ObjectNode struct(XMLStreamReader r, Struct shape) throws XMLStreamException {
    JsonNode[] values = new JsonNode[shape.members().length];
    while (true) {
      int event = r.nextTag();
      if (event == XMLStreamConstants.END_ELEMENT) break;
      Member m = shape.byElement().get(r.getLocalName());
      if (m == null) {
        skip(r);
      } else if (values[m.index()] == null) {
        values[m.index()] = value(r, m.kind(), m);
      } else {
        skip(r);  // the SDK reads the first of repeated elements
      }
    }
    ObjectNode node = F.objectNode();
    for (Member m : shape.members()) {
      JsonNode v = values[m.index()];
      if (v != null) node.set(m.json(), v);
      else if (m.kind() == Kind.LIST) node.set(m.json(), F.arrayNode());  // SdkJson: an absent list is []
    }
    return node;
  }

  private static JsonNode value(XMLStreamReader r, Kind kind, Member m) throws XMLStreamException {
    return switch (kind) {
      case STRUCT -> struct(r, m.struct());
      case LIST -> list(r, m);
      case STRING -> F.textNode(r.getElementText());
      case BOOLEAN -> F.booleanNode(Boolean.parseBoolean(r.getElementText()));
      case INTEGER -> F.numberNode(Integer.parseInt(r.getElementText()));
      case LONG -> F.numberNode(Long.parseLong(r.getElementText()));
      case INSTANT -> F.textNode(amicatalog.common.Dates.utc(DateUtils.parseIso8601Date(r.getElementText()).toString()));
    };
  }

  private static ArrayNode list(XMLStreamReader r, Member m) throws XMLStreamException {
    ArrayNode items = F.arrayNode();
    while (true) {
      int event = r.nextTag();
      if (event == XMLStreamConstants.END_ELEMENT) return items;
      if (!r.getLocalName().equals("item")) {
        skip(r);
        continue;
      }
      items.add(value(r, m.itemKind(), m));
    }
  }

  /** Past the end of the element the reader is at the start of. */
  private static void skip(XMLStreamReader r) throws XMLStreamException {
    for (int depth = 1; depth > 0; ) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) depth++;
      else if (event == XMLStreamConstants.END_ELEMENT) depth--;
    }
  }

  /**
   * A DescribeImages answer holding these images (JSON as the AWS CLI prints them) as EC2 writes
   * it, with NextToken when there is a next page: for a local EC2 endpoint (the bench, the tests).
   * JSON keys the SDK's model does not know are left out, as EC2 would not send them.
   */
  public static String write(List<? extends JsonNode> images, String nextToken) {
    StringBuilder xml = new StringBuilder(images.size() * 1600 + 256);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">")
        .append("<requestId>00000000-0000-0000-0000-000000000000</requestId><imagesSet>");
    for (JsonNode image : images) {
      xml.append("<item>");
      writeStruct(xml, image, IMAGE);
      xml.append("</item>");
    }
    xml.append("</imagesSet>");
    if (nextToken != null) xml.append("<nextToken>").append(escape(nextToken)).append("</nextToken>");
    return xml.append("</DescribeImagesResponse>").toString();
  }

  private static void writeStruct(StringBuilder xml, JsonNode node, Struct shape) {
    for (Member m : shape.members()) {
      JsonNode v = node.get(m.json());
      if (v == null || v.isNull() || (m.kind() == Kind.LIST && v.isEmpty())) continue;
      xml.append('<').append(m.element()).append('>');
      if (m.kind() == Kind.LIST) {
        for (JsonNode item : v) {
          xml.append("<item>");
          if (m.itemKind() == Kind.STRUCT) writeStruct(xml, item, m.struct());
          else xml.append(escape(item.asText()));
          xml.append("</item>");
        }
      } else if (m.kind() == Kind.STRUCT) {
        writeStruct(xml, v, m.struct());
      } else {
        xml.append(escape(v.asText()));
      }
      xml.append("</").append(m.element()).append('>');
    }
  }

  private static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String entity = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : null;
      if (entity == null) {
        if (out != null) out.append(c);
        continue;
      }
      if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
      out.append(entity);
    }
    return out == null ? text : out.toString();
  }

  /** No DTDs or external entities from an endpoint's answer (XXE); text in one piece. */
  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }
}
