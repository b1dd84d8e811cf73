package amicatalog.detail;

import amicatalog.common.Dates;
import amicatalog.image.Scope;
import amicatalog.image.Sharing;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * An image and the catalog's accounts: which of them see it and how (its sightings: "owns it",
 * "shared with it"), and who else may launch it, as the last sync read its launch permissions
 * (images the accounts own; {@code read} null when never read).
 */
public record Access(Sharing.Insiders insiders, List<String> seenBy, List<Grant> grants, String read, String readError) {

  /** One launch permission, as people read it, and whether it reaches outside the catalog's accounts. */
  public record Grant(String label, boolean outside) {}

  public boolean permissionsRead() {
    return read != null;
  }

  /** The catalog's account an id is, as "label (id)"; null for an id that is not one of them. */
  String account(String id) {
    return id == null || !insiders.labels().containsKey(id) ? null : insiders.account(id);
  }

  static Access of(Handle h, long imageRow) {
    Sharing.Insiders insiders = Sharing.Insiders.read(h);
    List<String> seenBy = h.createQuery("SELECT account_id, scopes FROM image_sightings WHERE image_row = ? ORDER BY account_id")
        .bind(0, imageRow)
        .map((rs, c) -> insiders.account(rs.getString(1)) + ((rs.getInt(2) & Scope.SELF.bit()) != 0 ? ": owns it" : ": shared with it"))
        .list();
    Sharing sharing = Sharing.of(h, imageRow, insiders).orElse(null);
    if (sharing == null) return new Access(insiders, seenBy, List.of(), null, null);
    List<Grant> grants = sharing.grantees().stream().map(g -> new Grant(insiders.label(g), insiders.outside(g))).toList();
    return new Access(insiders, seenBy, grants, Dates.day(sharing.readAt()) + " (" + Dates.relative(sharing.readAt()) + ")",
        sharing.error());
  }
}
