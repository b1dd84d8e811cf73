package amicatalog.web;

import amicatalog.app.App;
import io.javalin.http.Context;

/** What the layout around every page needs: title, active tab, demo banner, CSRF token. */
public record Chrome(String title, String nav, String demoAsOf, String csrfToken, boolean readOnly) {

  public static Chrome of(Context ctx, String title, String nav) {
    AppContext app = ctx.appData(App.CONTEXT);
    return new Chrome(title, nav, app.demoAsOf(), ctx.appData(App.SECURITY).csrfToken(ctx), app.config().readOnly());
  }

  public boolean demo() {
    return demoAsOf != null;
  }
}
