package amicatalog.web;

import java.util.List;

/**
 * What the layout around every page needs: title, active tab, demo banner, CSRF token, and who is
 * signed in ({@code user} null when sign-in is off or nobody is; {@code mayChange}: may launch, copy,
 * create images, sync).
 */
public record Layout(String title, String nav, String demoAsOf, String csrfToken, boolean readOnly, String user,
    boolean mayChange) {

  /**
   * A tab of the main navigation; {@code current} is "page" on the tab of the page shown (its
   * aria-current, which the CSS also styles), null on the others.
   */
  public record Tab(String label, String url, String current) {}

  /** The main navigation: {nav key, label, URL}. */
  private static final List<List<String>> TABS = List.of(List.of("search", "Search", "/"),
      List.of("latest", "Latest", "/latest"), List.of("audit", "Audit", "/audit"), List.of("drift", "Drift", "/drift"),
      List.of("exposure", "Exposure", "/exposure"),
      List.of("launches", "Launches", "/launches"),
      List.of("sync", "Sync", "/sync"));

  public boolean demo() {
    return demoAsOf != null;
  }

  public List<Tab> tabs() {
    return TABS.stream().map(t -> new Tab(t.get(1), t.get(2), t.get(0).equals(nav) ? "page" : null)).toList();
  }
}
