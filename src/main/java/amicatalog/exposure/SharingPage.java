package amicatalog.exposure;

import amicatalog.common.Dates;
import amicatalog.image.LaunchGrantee;
import amicatalog.web.Layout;
import amicatalog.web.Urls;
import java.util.List;

/** The form to take a launch permission back, and its confirmation (one template). */
public record SharingPage(Layout layout, String imageId, String name, String region, String account, String detailUrl, String read,
    String off, List<Choice> grants, Boolean ok, String message, String what, String grantee, String nonce, String action) {

  /** One grant of the image: the value the form sends, how people read it, whether it reaches outside. */
  public record Choice(String value, String label, boolean outside, boolean checked) {}

  public boolean checked() {
    return ok != null;
  }

  static SharingPage form(Layout layout, SharingHandler.Image i, String off, String preselected, String error) {
    List<LaunchGrantee> grantees = i.sharing() == null ? List.of() : i.sharing().grantees();
    // The one a link named (?grantee=), else the first: a form is never sent with none chosen.
    String chosen = grantees.stream().map(LaunchGrantee::value).filter(v -> v.equals(preselected)).findFirst()
        .orElse(grantees.isEmpty() ? null : grantees.get(0).value());
    List<Choice> grants = grantees.stream().map(g -> new Choice(g.value(), i.sharing().insiders().label(g),
        i.sharing().insiders().outside(g), g.value().equals(chosen))).toList();
    return new SharingPage(layout, i.imageId(), i.label(), i.region(), account(i), Urls.detail(i.region(), i.imageId()), read(i),
        off, grants, null, error, null, null, null, SharingHandler.url(i.region(), i.imageId()));
  }

  static SharingPage confirm(Layout layout, SharingHandler.Image i, LaunchGrantee g, boolean ok, String message, String nonce) {
    String what = g.kind() == LaunchGrantee.Kind.PUBLIC
        ? "Make " + i.imageId() + " in " + i.region() + " private: remove everyone's permission to launch it"
        : "Remove the permission of " + i.sharing().insiders().label(g) + " to launch " + i.imageId() + " in " + i.region();
    return new SharingPage(layout, i.imageId(), i.label(), i.region(), account(i), Urls.detail(i.region(), i.imageId()), read(i),
        null, List.of(), ok, message, what + " (ModifyImageAttribute, in account " + account(i) + ")", g.value(), nonce,
        SharingHandler.url(i.region(), i.imageId()) + "/confirm");
  }

  private static String account(SharingHandler.Image i) {
    return i.sharing() == null ? i.ownerId() : i.sharing().insiders().account(i.ownerId());
  }

  private static String read(SharingHandler.Image i) {
    return i.sharing() == null ? null : "as read " + Dates.relative(i.sharing().readAt());
  }
}
