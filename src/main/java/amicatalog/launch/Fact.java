package amicatalog.launch;

/** One line of "what will start": a label and its value in words. */
public record Fact(String label, String value) {}
