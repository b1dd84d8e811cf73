package amicatalog.web;

import io.javalin.http.Context;

/** Who a request comes from, once the sign-in gate knows: a user's name and role. */
public record SignedIn(String name, Role role) {
  private static final String ATTRIBUTE = "amicatalog.signed-in";

  /** The request's user, or null (sign-in off, or not signed in). */
  public static SignedIn of(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }

  public void attach(Context ctx) {
    ctx.attribute(ATTRIBUTE, this);
  }
}
