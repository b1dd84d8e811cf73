package amicatalog.image;

/** How much of the catalog is live, as the search index last counted it (for /health). */
public interface LiveCounts {
  /** Live images (tombstones not counted). */
  int liveImages();

  /** Regions that hold at least one live image. */
  int liveRegions();
}
