package amicatalog.cleanup;

import amicatalog.web.Layout;
import amicatalog.web.Urls;
import java.util.List;

/**
 * The deregistration's form and its confirmation (one template): the image, its snapshots, and
 * after the check what EC2's dry runs said, with the nonce of exactly what goes when all passed.
 * {@code cleanupUrl}: the clean-up page it came from, with its rules, where it goes back to.
 */
public record DeregisterPage(Layout layout, String imageId, String name, String region, String detailUrl, List<Snap> snapshots,
    String off, List<Check> checks, String nonce, String confirmedSnapshots, String action, String gib, String cleanupUrl) {

  public record Snap(String snapshotId, String size, String device) {}

  /** One dry run: what (the image, a snapshot), whether EC2 would allow it, and what it said. */
  public record Check(String what, boolean ok, String message) {}

  /** Whether this is the confirmation (after the check) rather than the form. */
  public boolean checked() {
    return checks != null;
  }

  static DeregisterPage form(Layout layout, OwnedImages.Owned i, String off, String unfit, String action, String back) {
    return new DeregisterPage(layout, i.imageId(), i.label(), i.region(), Urls.detail(i.region(), i.imageId()), snaps(i),
        off != null ? off : unfit, null, null, null, action, i.gib() + " GiB", back);
  }

  static DeregisterPage confirm(Layout layout, OwnedImages.Owned i, List<Check> checks, String nonce, String snapshots,
      String action, String back) {
    return new DeregisterPage(layout, i.imageId(), i.label(), i.region(), Urls.detail(i.region(), i.imageId()), snaps(i), null,
        checks, nonce, snapshots, action + "/confirm", i.gib() + " GiB", back);
  }

  private static List<Snap> snaps(OwnedImages.Owned i) {
    return i.snapshots().stream().map(s -> new Snap(s.snapshotId(), s.gib() + " GiB", s.device())).toList();
  }
}
