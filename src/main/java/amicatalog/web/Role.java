package amicatalog.web;

import io.javalin.security.RouteRole;

/**
 * Who may use a route, when the catalog has sign-in: anyone (the login page, /health), a viewer
 * (read everything), an operator (also launch, copy, create images, start a sync).
 */
public enum Role implements RouteRole {
  ANYONE, VIEWER, OPERATOR;

  /** The role as users are given it ("viewer", "operator"). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Role parse(String text) {
    for (Role r : new Role[] {VIEWER, OPERATOR}) if (r.label().equals(text)) return r;
    throw new IllegalArgumentException("'" + text + "' is not a role: use viewer or operator");
  }

  public boolean allows(Role needed) {
    return needed == ANYONE || this == OPERATOR || (this == VIEWER && needed == VIEWER);
  }
}
