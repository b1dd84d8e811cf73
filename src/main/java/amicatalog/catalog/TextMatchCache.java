package amicatalog.catalog;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The positions a text search matched, for the last few distinct searches of the current index.
 * A new index (after a sync) starts an empty cache, so nothing stale is ever answered.
 */
final class TextMatchCache {
  private final int capacity;
  private FacetIndex index;
  private final Map<TextSearch, BitSet> entries;

  TextMatchCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<TextSearch, BitSet> eldest) {
        return size() > TextMatchCache.this.capacity;
      }
    };
  }

  /** The cached match, or a new one from {@code compute}; callers must not modify the result. */
  BitSet computeIfAbsent(FacetIndex current, TextSearch text, Supplier<BitSet> compute) {
    synchronized (this) {
      if (current != index) {
        entries.clear();
        index = current;
      }
      BitSet cached = entries.get(text);
      if (cached != null) return cached;
    }
    BitSet computed = compute.get();  // outside the lock: a slow search does not hold up others
    synchronized (this) {
      if (current == index) entries.put(text, computed);
    }
    return computed;
  }
}
