package amicatalog.web;

/** An error shown as a page: what went wrong and what to do next. */
public record ErrorPage(Layout layout, int status, String message) {}
