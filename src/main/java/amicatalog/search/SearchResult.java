package amicatalog.search;

import amicatalog.image.Facet;
import java.util.List;

/**
 * A search answered: how many match, how many of them are the newest of their family (all of them
 * when the search shows only those), the facet counts, and one page of rows.
 */
public record SearchResult(int total, int newest, List<FacetCounts> facets, List<ImageRow> rows) {

  public record FacetCounts(Facet facet, List<ValueCount> values) {}

  public record ValueCount(String value, int count, boolean selected) {}
}
