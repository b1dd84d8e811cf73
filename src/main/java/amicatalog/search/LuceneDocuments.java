package amicatalog.search;

import amicatalog.db.Dialect;
import amicatalog.image.Facet;
import amicatalog.image.FamilyRules;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.jdbi.v3.core.Handle;

/** What the Lucene engine keeps of an image: one document per live image, read from the images table. */
final class LuceneDocuments {
  private LuceneDocuments() {}

  /** images.id: a term to update or delete the document by, and doc values to sort by and to page with. */
  static final String ROW = "row";
  /**
   * Name, description, owner alias and tags, split as unicode61 splits them, with their positions
   * (for quoted phrases); a group separator between the four, where the analyzer leaves a gap, so
   * that a phrase never runs from one into the next (as in the feeds' FTS5 table, a column each).
   */
  static final String TEXT = "text";
  /** The owner's account id: the search box's account search, and an account chosen as owner. */
  static final String ACCOUNT = "account";
  /** The AMI id and the snapshot ids of its block devices: the search box's exact ids. */
  static final String ID = "id";
  /** Creation time in ms (0 when missing), for the newest and oldest orders. */
  static final String CREATED = "created";
  /** The name (absent when the image has none), for the name and region orders. */
  static final String NAME = "name";
  /**
   * The image's family, as the family rules in force when it was indexed key it (the same rules
   * and inputs that write images.family_key), with its owner (alias, else account id): a 64-bit
   * hash, absent when the image has no name. For "newest of each family" ({@link LuceneSearch}).
   */
  static final String FAMILY = "family";
  /** Its version: a hash of its family and its name (a version's copies in other regions share it). */
  static final String VERSION = "version";

  private static final FieldType TEXT_TYPE = textType();
  /** A quoted snapshot id anywhere in the block devices' JSON, as a LIKE on the column finds it. */
  private static final Pattern SNAPSHOT = Pattern.compile("\"(snap-[0-9A-Za-z]+)\"");
  private static final int F = Facet.values().length;

  /** Facet expressions are constants of the Facet enum, never user input; a unit separator divides them. */
  /** The columns a document is read from, in each store's dialect. */
  private static final Map<Dialect, String> COLUMNS = new EnumMap<>(Dialect.class);

  static {
    for (Dialect d : Dialect.values()) COLUMNS.put(d, columns(d));
  }

  static String facetField(Facet facet) {
    return "facet." + facet.param();
  }

  /** A row: its images.id, and its document, or null when the image is no longer live. */
  interface RowConsumer {
    void accept(long rowId, Document document) throws java.io.IOException;
  }

  /**
   * Reads the rows a condition selects (its ? bound to {@code parameters}, in order) and hands
   * each to the consumer, with its family by {@code rules}. Seven columns a row: a JDBC column read
   * costs about a microsecond.
   */
  static void read(Handle h, FamilyRules rules, String where, RowConsumer rows, Object... parameters) {
    try (PreparedStatement statement = h.getConnection().prepareStatement("SELECT " + COLUMNS.get(Dialect.of(h)) + " FROM images WHERE " + where)) {
      for (int i = 0; i < parameters.length; i++) statement.setObject(i + 1, parameters[i]);
      try (var rs = statement.executeQuery()) {
        while (rs.next()) {
          long row = rs.getLong(1);
          String values = rs.getString(2);
          if (values == null) {
            rows.accept(row, null);
            continue;
          }
          String[] parts = values.split("\u001f", -1);
          Document doc = document(row, parts, rs.getString(3), rs.getString(4));
          addFamily(doc, rules, parts, rs.getString(5), rs.getString(6), rs.getString(7));
          rows.accept(row, doc);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read images for the search index: " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String columns(Dialect d) {
    StringBuilder values = new StringBuilder();
    for (Facet f : Facet.values()) {
      if (f == Facet.ACCOUNT) {  // the accounts that see it, by a comma; none for an image no account's own listing sees
        values.append("coalesce((SELECT string_agg(account_id, ',') FROM image_sightings WHERE image_row = images.id), ''), ");
      } else {
        values.append("coalesce(nullif(").append(f.sql(d)).append(", ''), '").append(Facet.NONE).append("'), ");
      }
    }
    // A removed image gets a null second column: the consumer deletes its document. A missing name is
    // char(30), so that it stays apart from an empty one (each sorts differently).
    return "id, CASE WHEN removed_at IS NULL THEN concat_ws(" + d.character(31) + ", " + values
        + "coalesce(creation_date, ''), coalesce(owner_id, ''), image_id, coalesce(name, " + d.character(30) + ")) END,"
        + " concat_ws(" + d.character(29) + ", name, description, owner_alias, tags_text), block_device_mappings, owner_alias,"
        + " description, tags";
  }

  /**
   * The family and version hashes of a live image: its key by {@code rules}, as sync.FamilyKeys
   * writes images.family_key at the end of each run (a document made during a run already has the
   * key the run will end with), so that a change of the rules, not of the image, is what changes it:
   * {@link LuceneEngine} then indexes every image again.
   */
  private static void addFamily(Document doc, FamilyRules rules, String[] parts, String alias, String description, String tags) {
    String name = parts[F + 3].equals("\u001e") ? null : parts[F + 3];
    String ownerId = parts[F + 1].isEmpty() ? null : parts[F + 1];
    String key = rules.key(ownerId, alias, name, description, tags);
    if (key == null) return;
    String family = (alias != null ? alias : ownerId == null ? "" : ownerId) + "\u001f" + key;
    doc.add(new NumericDocValuesField(FAMILY, hash(family)));
    doc.add(new NumericDocValuesField(VERSION, hash(family + "\u001f" + name)));
  }

  /**
   * 64 bits of a text: two 32-bit murmur3 hashes of its UTF-8 bytes with different seeds. Two
   * families (or versions) with one hash would count as one: at a million images, about one
   * chance in ten million.
   */
  static long hash(String text) {
    BytesRef bytes = new BytesRef(text);
    return ((long) StringHelper.murmurhash3_x86_32(bytes, 0x9e3779b9) << 32)
        | (StringHelper.murmurhash3_x86_32(bytes, 0x7f4a7c15) & 0xffffffffL);
  }

  /**
   * The longest term, sort key or facet value kept, in characters: Lucene refuses one over 32,766
   * bytes (and the document with it), and one image named at length must not stop the index.
   */
  static final int MOST_CHARS = 1000;

  private static String capped(String value) {
    return value.length() > MOST_CHARS ? value.substring(0, MOST_CHARS) : value;
  }

  private static Document document(long row, String[] parts, String text, String blockDevices) {
    Document doc = new Document();
    doc.add(new StringField(ROW, Long.toString(row), Field.Store.NO));
    doc.add(new NumericDocValuesField(ROW, row));
    doc.add(new Field(TEXT, text == null ? "" : text, TEXT_TYPE));
    for (Facet f : Facet.values()) {
      if (f.multiValued()) {
        String list = parts[f.ordinal()];
        if (!list.isEmpty()) for (String v : list.split(",")) doc.add(new SortedSetDocValuesField(facetField(f), new BytesRef(capped(v))));
      } else {
        doc.add(new SortedDocValuesField(facetField(f), new BytesRef(capped(parts[f.ordinal()]))));
      }
    }
    doc.add(new NumericDocValuesField(CREATED, epochMillis(parts[F])));
    if (!parts[F + 1].isEmpty()) {
      doc.add(new StringField(ACCOUNT, capped(parts[F + 1]), Field.Store.NO));
      doc.add(new SortedDocValuesField(ACCOUNT, new BytesRef(capped(parts[F + 1]))));
    }
    doc.add(new StringField(ID, capped(parts[F + 2]), Field.Store.NO));
    if (!parts[F + 3].equals("\u001e")) doc.add(new SortedDocValuesField(NAME, new BytesRef(capped(parts[F + 3]))));
    if (blockDevices != null) {
      for (Matcher m = SNAPSHOT.matcher(blockDevices); m.find(); ) {
        doc.add(new StringField(ID, m.group(1).toLowerCase(Locale.ROOT), Field.Store.NO));
      }
    }
    return doc;
  }

  /** Terms and their positions (quoted phrases); no norms (no scoring: results are sorted). */
  private static FieldType textType() {
    FieldType type = new FieldType();
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    type.setTokenized(true);
    type.setOmitNorms(true);
    type.freeze();
    return type;
  }

  /** Milliseconds since 1970 of an ISO time as the catalog stores them (a fast path for AWS's own shape), 0 when not a time. */
  static long epochMillis(String iso) {
    try {
      if (iso.length() >= 19 && iso.charAt(4) == '-' && iso.charAt(7) == '-' && iso.charAt(10) == 'T'
          && iso.charAt(13) == ':' && iso.charAt(16) == ':') {
        long day = java.time.LocalDate.of(digits(iso, 0, 4), digits(iso, 5, 7), digits(iso, 8, 10)).toEpochDay();
        long seconds = day * 86_400 + digits(iso, 11, 13) * 3_600L + digits(iso, 14, 16) * 60L + digits(iso, 17, 19);
        int millis = iso.length() >= 23 && iso.charAt(19) == '.' ? digits(iso, 20, 23) : 0;
        return Math.max(0, seconds * 1000 + millis);
      }
      return Math.max(0, java.time.Instant.parse(iso).toEpochMilli());
    } catch (java.time.DateTimeException | NumberFormatException e) {
      return 0;
    }
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') throw new NumberFormatException(s);
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
