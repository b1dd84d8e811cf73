package amicatalog.api;

import amicatalog.web.Role;
import java.util.List;
import java.util.function.Function;

/**
 * One endpoint a script can call (JSON, CSV, Atom or Prometheus text): the path the route table
 * registers, who may call it, what it answers, its parameters and how its example is asked. The
 * /api page and /api/openapi.json are both made from these, so they cannot disagree.
 *
 * @param name     an identifier: the page's anchor, the OpenAPI operationId, the Terraform data source's name
 * @param answer   what the answer holds, in a sentence or two
 * @param example  the example request, made from real images of the catalog
 */
public record Endpoint(String name, String path, Role role, String title, String summary, Format format, String answer,
    List<Param> params, Function<Sample, Example> example) {

  /** What an endpoint answers, by media type. */
  public enum Format {
    JSON("application/json", "JSON"), CSV("text/csv", "CSV"), ATOM("application/atom+xml", "Atom"),
    PROMETHEUS("text/plain", "Prometheus text");

    public final String mediaType;
    public final String label;

    Format(String mediaType, String label) {
      this.mediaType = mediaType;
      this.label = label;
    }
  }

  /**
   * The example: the request ({@code url}, path and query), a filter that makes a shell line of it
   * ({@code shell}, after {@code curl … |}), and for JSON and CSV what Terraform would take from the
   * decoded answer ({@code terraform}, an expression on {@code ANSWER}; null for none).
   */
  public record Example(String url, String shell, String terraform) {}

  /** Errors are JSON for /api and /health (ErrorPages), a page elsewhere. */
  boolean jsonErrors() {
    return path.startsWith("/api") || path.equals("/health");
  }

  /** Whether any parameter can be wrong (then a 400 says why). */
  boolean takesParameters() {
    return !params.isEmpty();
  }

  /** A query or path parameter, with what the handler accepts. */
  public record Param(String name, boolean inPath, boolean required, boolean repeated, String meaning, List<String> choices,
      String pattern, Integer min, Integer max, String hint) {

    /** An optional query parameter taking any text; narrow it with the methods below. */
    static Param query(String name, String meaning) {
      return new Param(name, false, false, false, meaning, List.of(), null, null, null, null);
    }

    /** A path parameter ({@code {name}} in the path), always required, of this shape. */
    static Param path(String name, String meaning, String pattern, String hint) {
      return new Param(name, true, true, false, meaning, List.of(), pattern, null, null, hint);
    }

    /** Must be given. */
    Param needed() {
      return new Param(name, inPath, true, repeated, meaning, choices, pattern, min, max, hint);
    }

    /** May be given more than once (values of one parameter are alternatives). */
    Param repeatable() {
      return new Param(name, inPath, required, true, meaning, choices, pattern, min, max, hint);
    }

    Param choices(List<String> values) {
      return new Param(name, inPath, required, repeated, meaning, List.copyOf(values), pattern, min, max, hint);
    }

    /** A whole number from {@code from} to {@code to} (null: no upper bound). */
    Param between(int from, Integer to) {
      return new Param(name, inPath, required, repeated, meaning, choices, pattern, from, to, hint);
    }

    /** What a value looks like, said to people where there is no list of choices. */
    Param hint(String text) {
      return new Param(name, inPath, required, repeated, meaning, choices, pattern, min, max, text);
    }

    boolean integer() {
      return min != null;
    }

    /** The values allowed, as the page says them. */
    public String allowed() {
      if (!choices.isEmpty()) return String.join(", ", choices);
      if (integer() && max == null) return hint == null ? "a whole number" : "a whole number: " + hint;
      if (integer()) return String.format(java.util.Locale.ROOT, "a whole number from %,d to %,d", min, max);
      return hint == null ? "any text" : hint;
    }
  }
}
