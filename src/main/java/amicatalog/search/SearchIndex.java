package amicatalog.search;

import amicatalog.image.Facet;
import amicatalog.image.SearchQuery;
import amicatalog.image.TextSearch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * What CatalogSearch asks of a search engine: one engine's view of the live images as of a
 * refresh. A view never changes; a refresh makes a new one. Facet values are numbered by code,
 * in the values' UTF-8 byte order, so both engines break ties between equal counts alike.
 */
interface SearchIndex {
  /** How many live images the view holds. */
  int size();

  /** Each facet's values by code; a code may stand for a value no live image has any more (it counts 0). */
  List<String> labels(Facet facet);

  /** The code of a facet value, or -1 when no live image has it. */
  int code(Facet facet, String value);

  /** Whether some live image belongs to this account id (the owner facet lists aliased accounts by alias). */
  boolean hasAccount(String accountId);

  /**
   * The images matching the text (null: every image) and the filters (values of a facet ORed,
   * facets ANDed; an account id chosen as owner also stands for that account's images), and each
   * facet's counts by code, leaving out that facet's own filter.
   */
  Tally tally(TextSearch text, Map<Facet, Set<String>> filters);

  /** The row ids (images.id) of a tally's matches in this order: {@code limit} of them from the {@code skip}-th. */
  void forEachRow(Tally tally, SearchQuery.Sort sort, int skip, int limit, LongConsumer rowIds);

  /** The matches of a search and its facet counts; neither may be changed (tallies are cached and shared). */
  interface Tally {
    int total();

    int[][] counts();
  }
}
