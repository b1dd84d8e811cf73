package amicatalog.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Ec2Proxy;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deprecating an owned image through its pages. moto answers EnableImageDeprecation with a 500, so
 * WireMock (in front of moto, which serves every other call) answers it as EC2 does: its DryRun with
 * DryRunOperation, the real call with its XML.
 */
@OnBothStores
class DeprecateWireMockTest {
  static final String ENABLED = """
      <?xml version="1.0" encoding="UTF-8"?>
      <EnableImageDeprecationResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
        <requestId>11111111-2222-3333-4444-555555555555</requestId><return>true</return>
      </EnableImageDeprecationResponse>""";

  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  Ec2Proxy proxy;
  AwsAccess aws;
  TestApp app;
  FormSession visitor;
  String own;

  @BeforeEach
  void start() {
    moto.reset();
    proxy = new Ec2Proxy(moto);
    aws = new AwsAccess(proxy.endpoint());
    app = TestApp.start(dir, aws, false, null, null);
    visitor = new FormSession(app);
    own = Aws.createOwnImage(Aws.ec2(moto.endpoint(), "us-east-1"), "web-base-20260101");
    app.sync(aws, List.of("us-east-1"), Scope.DEFAULTS);
  }

  @AfterEach
  void stop() {
    app.close();
    aws.close();
    proxy.close();
  }

  @Test
  void anOwnedImageIsDeprecatedOnceThroughItsPagesAndTheLogSaysSo() {
    proxy.answering("EnableImageDeprecation", true, null);
    proxy.answering("EnableImageDeprecation", false, ENABLED);
    String day = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

    Document detail = visitor.page("/images/us-east-1/" + own);
    assertThat(detail.selectFirst("#deprecate-link").attr("href")).isEqualTo("/images/us-east-1/" + own + "/deprecate");
    Document form = visitor.page("/images/us-east-1/" + own + "/deprecate");
    FormElement f = (FormElement) form.selectFirst("#deprecate-form");
    Map<String, List<String>> fields = FormSession.fields(f);
    fields.put("date", List.of(day));
    Document confirm = FormSession.parse(visitor.submit(f, fields));
    assertThat(confirm.selectFirst("#deprecate-check").text()).contains("Deprecate " + own + " in us-east-1 on " + day).contains("Allowed");
    assertThat(proxy.realCalls("EnableImageDeprecation")).as("a dry run only, so far").isEmpty();

    FormElement confirmForm = (FormElement) confirm.selectFirst("#confirm-form");
    HttpResponse<String> done = visitor.submit(confirmForm);
    assertThat(done.statusCode()).isEqualTo(303);
    visitor.submit(confirmForm);  // a double submit
    assertThat(proxy.realCalls("EnableImageDeprecation")).hasSize(1)
        .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("ImageId=" + own).contains("DeprecateAt=" + day + "T00%3A00%3A00Z"));
    Document after = visitor.page(done.headers().firstValue("Location").orElseThrow());
    assertThat(after.selectFirst("#cleanup-outcome").text()).contains("Deprecate " + own).contains("done");
    assertThat(after.selectFirst("#cleanup-log tbody tr").text()).contains("from").contains("done");
  }

  @Test
  void whatMotoAnswersIsARefusalOnThePageNotAnError() {
    Document form = visitor.page("/images/us-east-1/" + own + "/deprecate");
    HttpResponse<String> check = visitor.submit((FormElement) form.selectFirst("#deprecate-form"));
    assertThat(check.statusCode()).isEqualTo(200);
    Document d = FormSession.parse(check);
    assertThat(d.select("#confirm-form")).isEmpty();
    assertThat(d.selectFirst("#deprecate-check").text()).startsWith("Deprecate " + own);
  }
}
