package amicatalog.audit;

import java.util.List;

/**
 * The region coverage of a set of image families: one row per family (same owner, same name
 * with the version abstracted), one cell per catalog region holding the newest version found
 * there. {@code regions} are the column order; each row's cells follow it.
 *
 * @param totalFamilies families matching the query, over all pages (at least, when {@code moreFamilies})
 * @param moreFamilies  there are more families than were counted (see MatrixQueries.FAMILY_CAP)
 */
public record AuditMatrix(AuditQuery query, List<String> regions, List<Row> families, int totalFamilies,
    boolean moreFamilies, int page, int pages) {

  public enum Status {
    /** The region holds the family's newest version. */
    CURRENT,
    /** It holds the newest version, still being created or copied (state pending). */
    COPYING,
    /** Its newest is an older version. */
    OLDER,
    /** Its newest is in a failed or otherwise unusable state. */
    FAILED,
    /** It holds no version at all. */
    MISSING
  }

  /** What one region holds of a family: the newest version there, or nothing (imageId null). */
  public record Cell(String region, Status status, String imageId, String name, String state, String created,
      long daysBehind) {}

  /**
   * One family. {@code currentName} is its newest version: the name whose first image (the
   * original; copies are made later) was created last. {@code sourceRegion}/{@code sourceImageId}
   * is that original, the natural source of copies to the regions that lack it.
   */
  public record Row(String ownerKey, String family, String currentName, String currentCreated,
      String sourceRegion, String sourceImageId, List<Cell> cells) {

    public long count(Status status) {
      return cells.stream().filter(c -> c.status() == status).count();
    }

    /** Regions that do not hold the newest version (missing or older), where a copy would help. */
    public long lacking() {
      return cells.stream().filter(c -> c.status() == Status.MISSING || c.status() == Status.OLDER).count();
    }
  }
}
