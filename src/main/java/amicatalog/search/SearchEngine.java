package amicatalog.search;

/**
 * Where searches are answered from (issue 15 measures two). A request borrows the current view
 * and gives it back, so that an engine can free a view the moment no request uses it any more.
 */
interface SearchEngine extends AutoCloseable {
  /** Brings the engine up to date with the store; requests keep the old view until the new one is ready. */
  void refresh();

  SearchIndex acquire();

  void release(SearchIndex index);

  /** Bytes the engine keeps on disk (0 for one that keeps nothing there). */
  long bytesOnDisk();

  @Override
  void close();
}
