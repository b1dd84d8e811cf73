package amicatalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stylesheet, scripts and icon: served with their type, cached, and nothing else under /static. */
@OnBothStores
class StaticFilesWebTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.sharedReadOnly();
  }

  @Test
  void theStylesheetScriptsAndIconComeWithTheirTypeAndAreCached() {
    HttpResponse<String> css = app.get("/static/app.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(css.headers().firstValue("Cache-Control")).hasValue("max-age=3600");
    assertThat(css.body()).contains("{");
    assertThat(app.get("/static/search.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(app.get("/static/icon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");

    String etag = css.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = app.send(HttpRequest.newBuilder(URI.create(app.url("/static/app.css")))
        .header("If-None-Match", etag).build());
    assertThat(again.statusCode()).as("a browser's cached copy is still good").isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void nothingElseIsServedFromThere() {
    for (String path : new String[] {"/static/nothing.css", "/static/logback.xml", "/static/%2e%2e%2flogback.xml",
        "/static/..%2Fdemo%2Fmanifest.json", "/static/APP.CSS"}) {
      assertThat(app.get(path).statusCode()).as(path).isEqualTo(404);
    }
  }
}
