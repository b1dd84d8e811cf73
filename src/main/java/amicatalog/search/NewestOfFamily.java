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
 * time): three passes over the live documents, about a quarter of a second at a million images, so
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
    // 1. Each version's creation time: its newest live copy's (0 when none says).
    LongMax versionCreated = new LongMax();
    for (LeafReaderContext leaf : leaves) {
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues version = DocValues.getNumeric(leaf.reader(), VERSION);
      NumericDocValues created = DocValues.getNumeric(leaf.reader(), CREATED);
      for (int doc = version.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = version.nextDoc()) {
        if (live != null && !live.get(doc)) continue;
        versionCreated.max(version.longValue(), created.advanceExact(doc) ? created.longValue() : 0);
      }
    }
    // 2. Each family's newest version's creation time.
    LongMax familyTop = new LongMax();
    for (LeafReaderContext leaf : leaves) {
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues family = DocValues.getNumeric(leaf.reader(), FAMILY);
      NumericDocValues version = DocValues.getNumeric(leaf.reader(), VERSION);
      for (int doc = family.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = family.nextDoc()) {
        if (live != null && !live.get(doc) || !version.advanceExact(doc)) continue;
        familyTop.max(family.longValue(), versionCreated.get(version.longValue()));
      }
    }
    // 3. A family none of whose versions says when it was made: the version whose name sorts last (rare).
    Map<Long, BytesRef> lastName = new HashMap<>();
    Map<Long, Long> lastVersion = new HashMap<>();
    for (LeafReaderContext leaf : leaves) {
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues family = DocValues.getNumeric(leaf.reader(), FAMILY);
      NumericDocValues version = DocValues.getNumeric(leaf.reader(), VERSION);
      SortedDocValues name = DocValues.getSorted(leaf.reader(), NAME);
      for (int doc = family.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = family.nextDoc()) {
        if (live != null && !live.get(doc) || familyTop.get(family.longValue()) != 0 || !version.advanceExact(doc)) continue;
        BytesRef n = name.advanceExact(doc) ? name.lookupOrd(name.ordValue()) : new BytesRef();
        BytesRef best = lastName.get(family.longValue());
        if (best == null || n.compareTo(best) > 0) {
          lastName.put(family.longValue(), BytesRef.deepCopyOf(n));
          lastVersion.put(family.longValue(), version.longValue());
        }
      }
    }
    // 4. The newest: every document but those of a version older than its family's newest.
    FixedBitSet[] newest = new FixedBitSet[leaves.size()];
    for (LeafReaderContext leaf : leaves) {
      FixedBitSet bits = newest[leaf.ord] = new FixedBitSet(leaf.reader().maxDoc());
      bits.set(0, leaf.reader().maxDoc());
      NumericDocValues family = DocValues.getNumeric(leaf.reader(), FAMILY);
      NumericDocValues version = DocValues.getNumeric(leaf.reader(), VERSION);
      for (int doc = family.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = family.nextDoc()) {
        if (!version.advanceExact(doc)) continue;
        long top = familyTop.get(family.longValue());
        boolean isNewest = top != 0 ? versionCreated.get(version.longValue()) == top
            : lastVersion.getOrDefault(family.longValue(), version.longValue()) == version.longValue();
        if (!isNewest) bits.clear(doc);
      }
    }
    return newest;
  }

  /**
   * The largest value seen for each key (keys are hashes; 0 for a key never seen): open addressing
   * over two arrays, grown to stay at most half full. A map of boxed Longs would take five times the
   * memory for the half million versions of a million images.
   */
  static final class LongMax {
    private long[] keys = new long[1024];
    private long[] values = new long[1024];
    private FixedBitSet used = new FixedBitSet(1024);
    private int size;

    void max(long key, long value) {
      int i = slot(key);
      if (!used.get(i)) {
        used.set(i);
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) grow();
      } else if (value > values[i]) {
        values[i] = value;
      }
    }

    long get(long key) {
      int i = slot(key);
      return used.get(i) ? values[i] : 0;
    }

    /** The key's slot, or the empty one where it would go. */
    private int slot(long key) {
      int mask = keys.length - 1;
      int i = (int) (key ^ (key >>> 32)) & mask;
      while (used.get(i) && keys[i] != key) i = (i + 1) & mask;
      return i;
    }

    private void grow() {
      long[] oldKeys = keys, oldValues = values;
      FixedBitSet oldUsed = used;
      keys = new long[oldKeys.length * 2];
      values = new long[oldKeys.length * 2];
      used = new FixedBitSet(keys.length);
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) if (oldUsed.get(i)) max(oldKeys[i], oldValues[i]);
    }
  }
}
