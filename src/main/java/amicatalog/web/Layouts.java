package amicatalog.web;

import io.javalin.http.Context;

/** Makes the {@link Layout} of each page: the same banner and mode on every page, this browser's CSRF token. */
public final class Layouts {
  private final Security security;
  private final String demoAsOf;
  private final boolean readOnly;

  /** {@code demoAsOf} is the demo catalog's date, or null for a synced account. */
  public Layouts(Security security, String demoAsOf, boolean readOnly) {
    this.security = security;
    this.demoAsOf = demoAsOf;
    this.readOnly = readOnly;
  }

  public Layout of(Context ctx, String title, String nav) {
    SignedIn who = SignedIn.of(ctx);
    return new Layout(title, nav, demoAsOf, security.csrfToken(ctx), readOnly,
        who == null ? null : who.name() + " (" + who.role().label() + ")", who == null || who.role() == Role.OPERATOR);
  }
}
