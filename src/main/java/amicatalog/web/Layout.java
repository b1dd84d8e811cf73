package amicatalog.web;

/**
 * What the layout around every page needs: title, active tab, demo banner, CSRF token, and who is
 * signed in ({@code user} null when sign-in is off or nobody is; {@code mayChange}: may launch, copy,
 * create images, sync).
 */
public record Layout(String title, String nav, String demoAsOf, String csrfToken, boolean readOnly, String user,
    boolean mayChange) {

  public boolean demo() {
    return demoAsOf != null;
  }
}
