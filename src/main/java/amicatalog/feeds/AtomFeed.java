package amicatalog.feeds;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An Atom 1.0 document (RFC 4287) written with the JDK's XML writer, which escapes text and
 * attributes; characters XML 1.0 cannot hold at all (most control characters) are dropped first.
 */
final class AtomFeed {
  private static final String ATOM = "http://www.w3.org/2005/Atom";

  private AtomFeed() {}

  record Entry(String id, String title, String updated, String link, String text, String category) {}

  /** A stable URN for anything named by a string. */
  static String id(String name) {
    return "urn:uuid:" + UUID.nameUUIDFromBytes(("ami-catalog:" + name).getBytes(StandardCharsets.UTF_8));
  }

  static String write(String title, String id, String updated, String self, String alternate, List<Entry> entries) {
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      x.writeStartDocument("utf-8", "1.0");
      x.writeStartElement("feed");
      x.writeDefaultNamespace(ATOM);
      text(x, "title", title);
      text(x, "id", id);
      text(x, "updated", updated);
      link(x, "self", self, "application/atom+xml");
      link(x, "alternate", alternate, "text/html");
      x.writeStartElement("author");
      text(x, "name", "AMI Catalog");
      x.writeEndElement();
      text(x, "generator", "AMI Catalog");
      for (Entry e : entries) {
        x.writeStartElement("entry");
        text(x, "title", e.title());
        text(x, "id", e.id());
        text(x, "updated", e.updated());
        link(x, "alternate", e.link(), "text/html");
        x.writeEmptyElement("category");
        x.writeAttribute("term", e.category());
        x.writeStartElement("content");
        x.writeAttribute("type", "text");
        x.writeCharacters(clean(e.text()));
        x.writeEndElement();
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
      return out.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing a feed failed", e);
    }
  }

  private static void text(XMLStreamWriter x, String element, String value) throws XMLStreamException {
    x.writeStartElement(element);
    x.writeCharacters(clean(value));
    x.writeEndElement();
  }

  private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
    x.writeEmptyElement("link");
    x.writeAttribute("rel", rel);
    x.writeAttribute("type", type);
    x.writeAttribute("href", clean(href));
  }

  /** Drops what XML 1.0 cannot contain: control characters other than tab, newline and return, and lone surrogates. */
  static String clean(String s) {
    if (s == null) return "";
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)).forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
