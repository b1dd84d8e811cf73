package amicatalog.web;

import io.javalin.http.BadRequestResponse;

/** Query parameters every listing page reads the same way, with the same messages. */
public final class QueryParams {
  private QueryParams() {}

  /** A page number from 1 to {@code max}; missing means 1; anything else is a 400 saying why. */
  public static int page(String text, int max) {
    if (text == null || text.isBlank()) return 1;
    try {
      int page = Integer.parseInt(text.strip());
      if (page >= 1 && page <= max) return page;
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new BadRequestResponse("Page must be a whole number from 1 to " + max + ".");
  }
}
