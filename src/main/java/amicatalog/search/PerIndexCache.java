package amicatalog.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few results computed over the current search view: people page, re-sort and toggle
 * facets over the same search, which reuses its text match and its counts. A new view (after a
 * sync) starts an empty cache, so nothing stale is ever answered. Values must not be modified.
 */
final class PerIndexCache<K, V> {
  private final int capacity;
  private Object index;
  private final Map<K, V> entries;

  PerIndexCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > PerIndexCache.this.capacity;
      }
    };
  }

  V computeIfAbsent(Object current, K key, Supplier<V> compute) {
    synchronized (this) {
      if (current != index) {
        entries.clear();
        index = current;
      }
      V cached = entries.get(key);
      if (cached != null) return cached;
    }
    V computed = compute.get();  // outside the lock: a slow search does not hold up others
    synchronized (this) {
      if (current == index) entries.put(key, computed);
    }
    return computed;
  }
}
