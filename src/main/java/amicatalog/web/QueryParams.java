package amicatalog.web;

import io.javalin.http.BadRequestResponse;

/** Query parameters every listing page reads the same way, with the same messages. */
public final class QueryParams {
  private QueryParams() {}

  /** A page number from 1 to {@code max}; missing means 1; anything else is a 400 saying why. */
  public static int page(String text, int max) {
    if (text == null || text.isBlank()) return 1;
    String digits = text.strip();
    // ASCII digits only: Integer.parseInt would also take other scripts' digits (a fullwidth ２).
    if (digits.matches("[0-9]{1,9}")) {
      int page = Integer.parseInt(digits);
      if (page >= 1 && page <= max) return page;
    }
    throw new BadRequestResponse("Page must be a whole number from 1 to " + max + ".");
  }

  /** How many results a page of the JSON API holds: from 1 to {@code max}; missing means {@code standard}. */
  public static int pageSize(String text, int standard, int max) {
    if (text == null || text.isBlank()) return standard;
    String digits = text.strip();
    if (digits.matches("[0-9]{1,9}")) {
      int size = Integer.parseInt(digits);
      if (size >= 1 && size <= max) return size;
    }
    throw new BadRequestResponse("per (results a page) must be a whole number from 1 to " + max + ".");
  }
}
