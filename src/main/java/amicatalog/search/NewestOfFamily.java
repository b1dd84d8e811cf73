package amicatalog.search;

import static amicatalog.search.LuceneDocuments.CREATED;
import static amicatalog.search.LuceneDocuments.FAMILY;
import static amicatalog.search.LuceneDocuments.NAME;
import static amicatalog.search.LuceneDocuments.VERSION;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Which live images are the newest of their family, as an image's page says it (image.FamilyVersions'
 * standing): a version is a family's images of one name (its copies in the regions), created when
 * its newest copy was; the family's newest version is the one created last, and so is any created at
 * the same time; when no version says when it was created, the one whose name sorts last. Every
 * region's copy of a newest version counts; an image with no family (no name) is its own newest.
 *
 * <p>Worked out for each view from its documents' doc values (family and version hashes, creation
 * time): two passes over the live documents and one over the versions, about a third of a second
 * at a million images (half a million versions), so
 * that a newer version a sync adds takes the one before it out without that one being indexed
 * again. The index holds live images only: a version's creation time is its live copies' newest,
 * where the image page counts removed copies too. The two differ only for a version whose latest
 * copy was removed while an older copy lives on, and only when another version was made between
 * the two copies.
 */
final class NewestOfFamily {
  private NewestOfFamily() {}

  /** For each segment (by leaf ord), its newest-of-family documents (deleted ones may be set too). */
  static FixedBitSet[] of(List<LeafReaderContext> leaves) throws IOException {
    // 1. Each version's family and creation time: its newest live copy's (0 when none says).
    Versions versions = new Versions();
    for (LeafReaderContext leaf : leaves) {
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues family = DocValues.getNumeric(leaf.reader(), FAMILY);
      NumericDocValues version = DocValues.getNumeric(leaf.reader(), VERSION);
      NumericDocValues created = DocValues.getNumeric(leaf.reader(), CREATED);
      for (int doc = version.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = version.nextDoc()) {
        if (live != null && !live.get(doc) || !family.advanceExact(doc)) continue;
        versions.add(version.longValue(), family.longValue(), created.advanceExact(doc) ? created.longValue() : 0);
      }
    }
    // 2. Each family's newest version's creation time, then which versions have it.
    Versions families = new Versions();
    versions.forEach(v -> families.add(versions.family[v], 0, versions.created[v]));
    boolean dateless = false;
    for (int v = 0; v < versions.keys.length; v++) {
      if (!versions.used.get(v)) continue;
      long top = families.created(versions.family[v]);
      if (top == 0) dateless = true;
      else if (versions.created[v] == top) versions.newest.set(v);
    }
    // 3. A family none of whose versions says when it was made: the version whose name sorts last (rare).
    if (dateless) lastByName(leaves, versions, families);
    // 4. The newest: every document but those of a version older than its family's newest.
    FixedBitSet[] newest = new FixedBitSet[leaves.size()];
    for (LeafReaderContext leaf : leaves) {
      FixedBitSet bits = newest[leaf.ord] = new FixedBitSet(leaf.reader().maxDoc());
      bits.set(0, leaf.reader().maxDoc());
      NumericDocValues version = DocValues.getNumeric(leaf.reader(), VERSION);
      for (int doc = version.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = version.nextDoc()) {
        int v = versions.slot(version.longValue());
        if (versions.used.get(v) && !versions.newest.get(v)) bits.clear(doc);
      }
    }
    return newest;
  }

  /** Marks, in each family whose versions all lack a creation time, the version whose name sorts last. */
  private static void lastByName(List<LeafReaderContext> leaves, Versions versions, Versions families) throws IOException {
    Map<Long, BytesRef> lastName = new HashMap<>();
    Map<Long, Long> lastVersion = new HashMap<>();
    for (LeafReaderContext leaf : leaves) {
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues version = DocValues.getNumeric(leaf.reader(), VERSION);
      SortedDocValues name = DocValues.getSorted(leaf.reader(), NAME);
      for (int doc = version.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = version.nextDoc()) {
        if (live != null && !live.get(doc)) continue;
        int v = versions.slot(version.longValue());
        long family = versions.family[v];
        if (!versions.used.get(v) || families.created(family) != 0) continue;
        BytesRef n = name.advanceExact(doc) ? name.lookupOrd(name.ordValue()) : new BytesRef();
        BytesRef best = lastName.get(family);
        if (best == null || n.compareTo(best) > 0) {
          lastName.put(family, BytesRef.deepCopyOf(n));
          lastVersion.put(family, version.longValue());
        }
      }
    }
    for (long v : lastVersion.values()) versions.newest.set(versions.slot(v));
  }

  /**
   * Versions by hash (or families: the same table), each with its family and its newest creation
   * time: open addressing over arrays, grown to stay at most half full. Boxed Longs in a HashMap
   * would take five times the memory for the half million versions of a million images.
   */
  static final class Versions {
    long[] keys = new long[1024];
    long[] family = new long[1024];
    long[] created = new long[1024];
    FixedBitSet used = new FixedBitSet(1024);
    FixedBitSet newest = new FixedBitSet(1024);
    private int size;

    /** One copy of a version: the version's time is its newest copy's. */
    void add(long key, long familyOf, long time) {
      int i = slot(key);
      if (!used.get(i)) {
        used.set(i);
        keys[i] = key;
        family[i] = familyOf;
        created[i] = time;
        if (++size * 2 > keys.length) grow();
      } else if (time > created[i]) {
        created[i] = time;
      }
    }

    /** Its newest time; 0 for a key never added. */
    long created(long key) {
      int i = slot(key);
      return used.get(i) ? created[i] : 0;
    }

    void forEach(java.util.function.IntConsumer slots) {
      for (int i = 0; i < keys.length; i++) if (used.get(i)) slots.accept(i);
    }

    /** The key's slot, or the empty one where it would go. */
    int slot(long key) {
      int mask = keys.length - 1;
      int i = (int) (key ^ (key >>> 32)) & mask;
      while (used.get(i) && keys[i] != key) i = (i + 1) & mask;
      return i;
    }

    private void grow() {
      long[] oldKeys = keys, oldFamily = family, oldCreated = created;
      FixedBitSet oldUsed = used;
      int capacity = oldKeys.length * 2;
      keys = new long[capacity];
      family = new long[capacity];
      created = new long[capacity];
      used = new FixedBitSet(capacity);
      newest = new FixedBitSet(capacity);
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) if (oldUsed.get(i)) add(oldKeys[i], oldFamily[i], oldCreated[i]);
    }
  }
}
