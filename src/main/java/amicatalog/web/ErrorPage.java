package amicatalog.web;

/** An error shown as a page: what went wrong and what to do next. */
public record ErrorPage(Chrome chrome, int status, String message) {}
