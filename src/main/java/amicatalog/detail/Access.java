package amicatalog.detail;

import amicatalog.common.Dates;
import amicatalog.image.Sharing;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Who can launch an image besides its owner: its launch permissions as the last sync read them
 * (the images the catalog's accounts own). Null when they were never read.
 */
public record Access(List<Grant> grants, String read, String readError) {

  /** One launch permission, as people read it, and whether it reaches outside the catalog's accounts. */
  public record Grant(String label, boolean outside) {}

  static Access of(Handle h, long imageRow) {
    Sharing sharing = Sharing.of(h, imageRow).orElse(null);
    if (sharing == null) return null;
    List<Grant> grants = sharing.grantees().stream()
        .map(g -> new Grant(sharing.insiders().label(g), sharing.insiders().outside(g))).toList();
    return new Access(grants, Dates.day(sharing.readAt()) + " (" + Dates.relative(sharing.readAt()) + ")", sharing.error());
  }
}
