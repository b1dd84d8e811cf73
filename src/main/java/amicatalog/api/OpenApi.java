package amicatalog.api;

import amicatalog.api.Endpoint.Param;
import amicatalog.common.Json;
import amicatalog.web.Role;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The endpoints as an OpenAPI 3.0 document, written from {@link Endpoints} (the same description
 * the /api page shows). No library: Javalin 7 has no OpenAPI plugin, and the document is small.
 */
final class OpenApi {
  static final String VERSION = "3.0.3";

  private OpenApi() {}

  /** {@code origin}: the server's URL; {@code signIn}: whether callers need a token. */
  static ObjectNode document(List<Endpoint> endpoints, String origin, boolean signIn) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("openapi", VERSION);
    ObjectNode info = doc.putObject("info");
    info.put("title", "AMI Catalog");
    info.put("version", "1");
    info.put("description", "Search, compare and follow the Amazon Machine Images this catalog holds. Each endpoint,"
        + " with a real example and snippets, is on the catalog's /api page.");
    doc.putArray("servers").addObject().put("url", origin);
    ObjectNode paths = doc.putObject("paths");
    for (Endpoint e : endpoints) paths.putObject(e.path()).set("get", operation(e, signIn));
    ObjectNode components = doc.putObject("components");
    ObjectNode error = components.putObject("schemas").putObject("Error");
    error.put("type", "object");
    error.putArray("required").add("error").add("status");
    ObjectNode errorFields = error.putObject("properties");
    errorFields.putObject("error").put("type", "string").put("description", "What was wrong, and what to give instead.");
    errorFields.putObject("status").put("type", "integer").put("description", "The HTTP status again.");
    if (signIn) {
      components.putObject("securitySchemes").putObject("token").put("type", "http").put("scheme", "bearer")
          .put("description", "An API token made with `java -jar ami-catalog.jar user token NAME --label WHAT`.");
      doc.putArray("security").addObject().putArray("token");
    }
    return doc;
  }

  private static ObjectNode operation(Endpoint e, boolean signIn) {
    ObjectNode op = Json.MAPPER.createObjectNode();
    op.put("operationId", e.name());
    op.put("summary", e.title());
    op.put("description", e.summary());
    ArrayNode params = op.putArray("parameters");
    for (Param p : e.params()) params.add(parameter(p));
    if (params.isEmpty()) op.remove("parameters");
    if (e.role() == Role.ANYONE) op.putArray("security");  // open to all, sign-in or not
    ObjectNode responses = op.putObject("responses");
    ObjectNode ok = responses.putObject("200");
    ok.put("description", e.answer());
    ok.putObject("content").putObject(e.format().mediaType).putObject("schema")
        .put("type", e.format() == Endpoint.Format.JSON ? "object" : "string");
    if (e.takesParameters()) responses.set("400", error(e, "A parameter is missing or wrong; the answer says which and why."));
    if (e.params().stream().anyMatch(Param::inPath)) responses.set("404", error(e, "The catalog has no such image."));
    if (signIn && e.role() != Role.ANYONE) {
      responses.set("401", error(e, "No token, or one that is revoked or mistyped."));
    }
    return op;
  }

  private static ObjectNode error(Endpoint e, String description) {
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("description", description);
    ObjectNode content = response.putObject("content");
    if (e.jsonErrors()) content.putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
    else content.putObject("text/html").putObject("schema").put("type", "string");
    return response;
  }

  private static ObjectNode parameter(Param p) {
    ObjectNode param = Json.MAPPER.createObjectNode();
    param.put("name", p.name());
    param.put("in", p.inPath() ? "path" : "query");
    param.put("description", p.meaning() + (p.hint() == null ? "" : " Values: " + p.hint() + "."));
    param.put("required", p.required());
    ObjectNode value = Json.MAPPER.createObjectNode();
    if (p.integer()) {
      value.put("type", "integer").put("format", "int64").put("minimum", p.min());
      if (p.max() != null) value.put("maximum", p.max());
    } else {
      value.put("type", "string");
      if (!p.choices().isEmpty()) p.choices().forEach(value.putArray("enum")::add);
      if (p.pattern() != null) value.put("pattern", "^" + p.pattern() + "$");
    }
    if (p.repeated()) {
      ObjectNode array = param.putObject("schema");
      array.put("type", "array");
      array.set("items", value);
      param.put("style", "form");
      param.put("explode", true);
    } else {
      param.set("schema", value);
    }
    return param;
  }
}
