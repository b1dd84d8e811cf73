package amicatalog.launch;

/** A name and value a page carries in a hidden input. */
public record HiddenField(String name, String value) {}
