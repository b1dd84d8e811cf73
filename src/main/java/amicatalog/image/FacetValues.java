package amicatalog.image;

/** Which facet values the catalog holds: what lets a region or an owner typed as a word become a filter. */
@FunctionalInterface
public interface FacetValues {
  /** Whether some live image has this value of the facet. */
  boolean has(Facet facet, String value);
}
