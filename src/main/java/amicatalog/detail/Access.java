package amicatalog.detail;

import amicatalog.common.Dates;
import amicatalog.image.Scope;
import amicatalog.image.Sharing;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Who can launch an image and which of the catalog's accounts see it: its launch permissions as the
 * last sync read them (owned images only), and its sightings ("owns it", "shared with it").
 * Null when the catalog knows neither (a public image, the demo).
 */
public record Access(List<Grant> grants, String read, String readError, List<String> seenBy) {

  /** One launch permission, as people read it, and whether it reaches outside the catalog's accounts. */
  public record Grant(String label, boolean outside) {}

  public boolean permissionsRead() {
    return read != null;
  }

  static Access of(Handle h, long imageRow) {
    Sharing.Insiders insiders = Sharing.Insiders.read(h);
    List<String> seenBy = new ArrayList<>();
    h.createQuery("SELECT account_id, scopes FROM image_sightings WHERE image_row = ? ORDER BY account_id").bind(0, imageRow)
        .map((rs, ctx) -> {
          int scopes = rs.getInt("scopes");
          String how = (scopes & Scope.SELF.bit()) != 0 ? "owns it" : (scopes & Scope.SHARED.bit()) != 0 ? "shared with it" : "sees it";
          return insiders.account(rs.getString("account_id")) + ": " + how;
        }).forEach(seenBy::add);
    Sharing sharing = Sharing.of(h, imageRow).orElse(null);
    if (sharing == null && seenBy.isEmpty()) return null;
    if (sharing == null) return new Access(List.of(), null, null, seenBy);
    List<Grant> grants = sharing.grantees().stream().map(g -> new Grant(insiders.label(g), insiders.outside(g))).toList();
    return new Access(grants, Dates.day(sharing.readAt()) + " (" + Dates.relative(sharing.readAt()) + ")", sharing.error(), seenBy);
  }
}
