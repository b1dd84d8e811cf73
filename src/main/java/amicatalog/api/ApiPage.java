package amicatalog.api;

import amicatalog.web.Layout;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The /api page: how to authenticate, then each endpoint with its parameters, the example asked
 * of this catalog and its answer, and the snippets to ask it from elsewhere.
 *
 * @param origin  the catalog's address as the reader reached it, which every snippet uses
 * @param asked   when the examples were asked (UTC)
 */
public record ApiPage(Layout layout, String origin, boolean signIn, String tokenVariable, String asked,
    List<Section> sections) {

  /** One endpoint. {@code terraform} is null where Terraform has no use for the answer (feeds, metrics). */
  public record Section(String anchor, String path, String title, String summary, String format, String answer,
      List<Row> params, String exampleUrl, String status, String answerText, String answerNote, String curl,
      String terraform, String shell) {}

  /** One parameter as the table shows it. */
  public record Row(String name, boolean inPath, boolean required, String meaning, String values) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  static ApiPage of(Layout layout, String origin, boolean signIn, ApiHandler.Examples examples) {
    List<Section> sections = Endpoints.ALL.stream().map(e -> section(e, origin, signIn, examples)).toList();
    return new ApiPage(layout, origin, signIn, Snippets.TOKEN_VARIABLE, TIME.format(examples.asked()), sections);
  }

  private static Section section(Endpoint e, String origin, boolean signIn, ApiHandler.Examples examples) {
    Endpoint.Example example = examples.requests().get(e.name());
    SelfRequests.Answer answer = examples.answers().get(e.name());
    String url = origin + example.url();
    String status;
    Shortened.Text shown;
    if (answer.failure() != null) {
      status = "No answer: " + answer.failure() + ".";
      shown = new Shortened.Text("", null);
    } else {
      String type = answer.contentType().isEmpty() ? "" : " · " + answer.contentType();
      status = "HTTP " + answer.status() + type;
      shown = answer.status() == 200 ? Shortened.of(e.format(), answer) : Shortened.error(answer);
    }
    boolean token = signIn && e.role() != amicatalog.web.Role.ANYONE;
    String terraform = example.terraform() == null ? null
        : Snippets.terraform("ami_" + e.name(), url, token, e.format(), example.terraform());
    List<Row> rows = e.params().stream().map(p -> new Row(p.name(), p.inPath(), p.required(),
        p.meaning() + (p.repeated() && !p.meaning().contains("repeat") ? " (may be repeated)" : ""), p.allowed())).toList();
    return new Section(e.name(), e.path(), e.title(), e.summary(), e.format().label, e.answer(), rows, example.url(),
        status, shown.text(), shown.note(), Snippets.curl(url, token), terraform, Snippets.shell(url, token, example.shell()));
  }
}
