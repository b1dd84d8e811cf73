package amicatalog.exposure;

import amicatalog.common.Dates;
import amicatalog.image.LaunchGrantee;
import amicatalog.web.Layout;
import amicatalog.web.Urls;
import java.util.List;

/** The exposure page: every label and URL decided here, the template only writes them. */
public record ExposurePage(Layout layout, String summary, String empty, List<Choice> accounts, List<Row> rows,
    List<BlockRow> blocking, Outcome done, String csvUrl, String jsonUrl) {

  /** An account of the filter. */
  public record Choice(String value, String label, boolean selected) {}

  /** An exposed image: who outside may launch it, and the way to take each grant back. */
  public record Row(String account, String region, String imageId, String name, String url, List<Grant> grants,
      String blocking, String blockingCss, String read, String error) {}

  /** {@code actionName}: what the link does, in full, for a screen reader that lists the page's links. */
  public record Grant(String label, String actionUrl, String actionLabel, String actionName, String css) {}

  public record BlockRow(String account, String region, String state, String css, String read) {}

  /** What an action just did ({@code ?done=ID}). */
  public record Outcome(String css, String text) {}

  static ExposurePage of(Layout layout, Exposure exposure, String account, Outcome done) {
    long publicCount = exposure.exposed().stream().filter(Exposure.Image::isPublic).count();
    String summary = exposure.exposed().size() + " of " + exposure.read() + " owned image" + (exposure.read() == 1 ? "" : "s")
        + " can be launched from outside the catalog's accounts" + (exposure.insiders().organizationIds().isEmpty() ? ""
        : " and Organization") + ": " + publicCount + " public, " + (exposure.exposed().size() - publicCount)
        + " shared outside only.";
    String empty = exposure.read() > 0 ? null
        : "No owned image's launch permissions have been read yet. A sync that lists the accounts' own images (the self"
            + " scope, a default of sync and serve) reads them; the demo catalog has no account.";
    List<Choice> accounts = new java.util.ArrayList<>();
    accounts.add(new Choice("", "every account", account == null));
    exposure.insiders().labels().keySet().forEach(id -> accounts.add(new Choice(id, exposure.insiders().account(id), id.equals(account))));
    List<Row> rows = exposure.exposed().stream().map(i -> row(exposure, i)).toList();
    List<BlockRow> blocking = exposure.blocking().stream().map(b -> new BlockRow(exposure.insiders().account(b.accountId()),
        b.region(), b.state() != null ? b.state() : "not read: " + b.error(), css(b.state()), Dates.day(b.readAt()))).toList();
    String query = account == null ? "" : "?account=" + Urls.enc(account);
    return new ExposurePage(layout, summary, empty, accounts, rows, blocking, done, "/api/exposure.csv" + query, "/api/exposure" + query);
  }

  private static Row row(Exposure exposure, Exposure.Image i) {
    List<Grant> grants = i.outside().stream().map(g -> new Grant(exposure.insiders().label(g),
        Urls.detail(i.region(), i.imageId()) + "/sharing?grantee=" + Urls.enc(g.value()),
        g.kind() == LaunchGrantee.Kind.PUBLIC ? "Make private…" : "Remove…",
        // The visible words first (a spoken command finds the link by them), then which grant of which image.
        g.kind() == LaunchGrantee.Kind.PUBLIC ? "Make private… " + i.label() + " in " + i.region()
            : "Remove… " + exposure.insiders().label(g) + " from " + i.label() + " in " + i.region(),
        g.kind() == LaunchGrantee.Kind.PUBLIC ? "badge risk-deprecated" : "badge risk-superseded")).toList();
    Exposure.Blocking b = exposure.blockingOf(i);
    String blocking = b == null ? "not read" : b.state() != null ? b.state() : "not read";
    return new Row(exposure.insiders().account(i.ownerId()), i.region(), i.imageId(), i.label(), Urls.detail(i.region(), i.imageId()),
        grants, blocking, css(b == null ? null : b.state()), Dates.day(i.readAt()),
        i.error() == null ? null : "The last read failed (" + i.error() + "): these are the permissions read before it.");
  }

  /** Unblocked is a warning: a region where any owned image may still be made public. */
  private static String css(String state) {
    return "block-new-sharing".equals(state) ? "state running" : "unblocked".equals(state) ? "state stopped" : "state";
  }
}
