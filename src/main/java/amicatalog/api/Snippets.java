package amicatalog.api;

/**
 * The text a person copies to ask an endpoint from elsewhere: curl, Terraform's http data source,
 * a shell line. Each names the catalog by the origin the person reached it by; with sign-in on,
 * each sends an API token (made with "user token", read from the environment or a variable, never
 * written into the snippet).
 */
final class Snippets {
  static final String TOKEN_VARIABLE = "AMI_CATALOG_TOKEN";

  private Snippets() {}

  /** {@code url}: the absolute URL; the URLs we make are encoded, so they hold no quote. */
  static String curl(String url, boolean token) {
    return "curl -fsS " + (token ? "-H \"Authorization: Bearer $" + TOKEN_VARIABLE + "\" " : "") + "'" + url + "'";
  }

  static String shell(String url, boolean token, String filter) {
    return curl(url, token) + " \\\n  | " + filter;
  }

  /** Terraform's http data source, the answer decoded (jsondecode or csvdecode), and {@code expression} as an output. */
  static String terraform(String name, String url, boolean token, Endpoint.Format format, String expression) {
    StringBuilder tf = new StringBuilder();
    if (token) {
      tf.append("""
          variable "ami_catalog_token" {
            type      = string
            sensitive = true
          }

          """);
    }
    tf.append("data \"http\" \"").append(name).append("\" {\n");
    tf.append("  url = \"").append(url).append("\"\n");
    if (token) {
      tf.append("  request_headers = {\n    Authorization = \"Bearer ${var.ami_catalog_token}\"\n  }\n");
    }
    tf.append("""
          lifecycle {
            postcondition {
              condition     = self.status_code == 200
              error_message = "AMI Catalog answered ${self.status_code}: ${self.response_body}"
            }
          }
        }

        """);
    String decode = format == Endpoint.Format.CSV ? "csvdecode" : "jsondecode";
    tf.append("locals {\n  ").append(name).append(" = ").append(decode).append("(data.http.").append(name)
        .append(".response_body)\n}\n\n");
    tf.append("output \"").append(name).append("\" {\n  value = ")
        .append(expression.replace("ANSWER", "local." + name)).append("\n}");
    return tf.toString();
  }
}
