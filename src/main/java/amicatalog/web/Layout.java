package amicatalog.web;

/** What the layout around every page needs: title, active tab, demo banner, CSRF token. */
public record Layout(String title, String nav, String demoAsOf, String csrfToken, boolean readOnly) {

  public boolean demo() {
    return demoAsOf != null;
  }
}
