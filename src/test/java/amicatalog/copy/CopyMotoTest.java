package amicatalog.copy;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.audit.AuditDemoWebTest;
import amicatalog.aws.AwsAccess;
import amicatalog.common.Json;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Copying and creating images through the pages, with the real AWS SDK against moto's EC2:
 * every POST carries the CSRF cookie and hidden field as a browser's would, and a sync through
 * the real indexer brings the new images into the matrix.
 */
@OnBothStores
class CopyMotoTest {
  static final List<String> SYNCED = List.of("us-east-1", "eu-west-1", "eu-central-1");

  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  AwsAccess aws;
  TestApp app;
  FormSession visitor;

  @BeforeEach
  void start() {
    moto.reset();
    aws = new AwsAccess(moto.endpoint());
    app = TestApp.start(dir, aws, false, null, null);
    visitor = new FormSession(app);
  }

  @AfterEach
  void stop() {
    app.close();
    aws.close();
  }

  void sync() {
    app.sync(aws, SYNCED, Scope.DEFAULTS);
  }

  static Element row(Document audit, String family) {
    return audit.select("table.matrix tbody tr").stream()
        .filter(tr -> tr.selectFirst(".fam-name").text().equals(family)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + family + " in " + audit.select(".fam-name").eachText()));
  }

  static Map<String, String> cells(Document audit, String family) {
    return AuditDemoWebTest.matrix(audit).get(family);
  }

  static List<Image> named(String region, String name) {
    return Aws.ec2(MotoServer.get().endpoint(), region)
        .describeImages(b -> b.owners("self").filters(f -> f.name("name").values(name))).images();
  }

  @Test
  void copyingToTwoRegionsThroughThePagesThenAResyncShowsTheFamilyHeldThere() {
    String source = Aws.createOwnImage(Aws.ec2(moto.endpoint(), "us-east-1"), "team-base-20250101");
    sync();
    Document audit = visitor.page("/audit");
    assertThat(cells(audit, "team-base-*")).containsEntry("us-east-1", "c-current")
        .containsEntry("eu-west-1", "c-missing").containsEntry("eu-central-1", "c-missing");

    // From the matrix row to the copy form: every region lacking a copy is offered, and ticked.
    Document form = visitor.page(row(audit, "team-base-*").selectFirst("a.copy").attr("href"));
    assertThat(form.select("input[name=region]").eachAttr("value"))
        .containsExactlyInAnyOrder("ap-southeast-6", "eu-central-1", "eu-west-1");
    assertThat(form.select("ul.holders a").eachText()).containsExactly("us-east-1");
    Map<String, List<String>> picked = FormSession.fields((FormElement) form.selectFirst("form.copy-form"));
    picked.put("region", List.of("eu-west-1", "eu-central-1"));
    HttpResponse<String> checked = visitor.submit((FormElement) form.selectFirst("form.copy-form"), picked);

    assertThat(checked.statusCode()).isEqualTo(200);
    Document confirm = FormSession.parse(checked);
    assertThat(confirm.select("#dry-runs tbody tr").eachAttr("data-region")).containsExactly("eu-west-1", "eu-central-1");
    assertThat(confirm.select("#dry-runs .badge").eachText()).containsOnly("would copy");
    assertThat(named("eu-west-1", "team-base-20250101")).as("a dry run copies nothing").isEmpty();
    FormElement confirmation = (FormElement) confirm.selectFirst("#confirm-form");
    assertThat(confirmation.selectFirst("#confirm-copy").text()).isEqualTo("Copy to 2 regions");

    HttpResponse<String> started = visitor.submit(confirmation);
    assertThat(started.statusCode()).isEqualTo(303);
    String progressUrl = started.headers().firstValue("Location").orElseThrow();
    assertThat(progressUrl).startsWith("/audit/copies?batch=");
    // A second submit of the same confirmation (a double click, a reload) copies nothing more.
    assertThat(visitor.submit(confirmation).statusCode()).isEqualTo(303);
    assertThat(named("eu-west-1", "team-base-20250101")).hasSize(1);
    assertThat(named("eu-central-1", "team-base-20250101")).hasSize(1);

    Document progress = visitor.page(progressUrl);
    assertThat(progress.select("table.copies-log tr.mine")).hasSize(2);
    assertThat(progress.select("tr.mine").eachAttr("data-status")).containsOnly("available");
    assertThat(progress.select("tr.mine .note").eachText()).containsOnly("Available. The next sync adds it to the catalog.");
    List<Map<String, Object>> log = app.db.read(h -> h.createQuery(
        "SELECT kind, region, image_id, source_region, request, client_token, status, who FROM actions ORDER BY id").mapToMap().list());
    assertThat(log).hasSize(2).allSatisfy(a -> {
      assertThat(a).containsEntry("kind", "copy").containsEntry("image_id", source).containsEntry("source_region", "us-east-1")
          .containsEntry("status", "available");
      assertThat(Json.read((String) a.get("request")).path("copyImageTags").asBoolean()).isTrue();
      assertThat((String) a.get("client_token")).hasSize(64);
      assertThat((String) a.get("who")).endsWith("from 127.0.0.1");
    });

    // Before a sync lists the copies, the form does not offer those regions again: they are under way.
    Document again = visitor.page(row(visitor.page("/audit"), "team-base-*").selectFirst("a.copy").attr("href"));
    assertThat(again.select("input[name=region]").eachAttr("value")).containsExactly("ap-southeast-6");
    assertThat(again.select("ul.holders li").eachText()).anySatisfy(t -> assertThat(t).startsWith("eu-west-1")
        .contains("copied; the next sync lists it"));

    sync();
    Document after = visitor.page("/audit");
    assertThat(cells(after, "team-base-*")).containsEntry("us-east-1", "c-current")
        .containsEntry("eu-west-1", "c-current").containsEntry("eu-central-1", "c-current")
        .containsEntry("ap-southeast-6", "c-missing");
    assertThat(visitor.page(progressUrl).select("tr.mine .note").eachText()).containsOnly("Available, and in the catalog.");
    Document detail = visitor.page("/images/us-east-1/" + source);
    assertThat(detail.select("ul.copies a").eachText()).containsExactly("eu-central-1", "eu-west-1");
    assertThat(detail.select("#missing-regions .region-chip").eachText()).containsExactly("ap-southeast-6");
    Document listed = visitor.page("/images/us-east-1/" + source + "/copy");
    assertThat(listed.select("ul.holders a").eachText()).containsExactlyInAnyOrder("us-east-1", "eu-west-1", "eu-central-1");
    assertThat(listed.select("ul.holders").text()).doesNotContain("next sync");
  }

  @Test
  void aDeregisteredImageIsGoneInItsFamilysFeed() throws Exception {
    Ec2Client east = Aws.ec2(moto.endpoint(), "us-east-1");
    String old = Aws.createOwnImage(east, "app-20250101");
    sync();
    Aws.createOwnImage(east, "app-20250201");
    east.deregisterImage(b -> b.imageId(old));
    sync();

    HttpResponse<String> feed = visitor.get("/feeds/family.atom?owner=123456789012&family=app-*");
    assertThat(feed.statusCode()).isEqualTo(200);
    org.w3c.dom.Document atom = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
        .parse(new org.xml.sax.InputSource(new java.io.StringReader(feed.body())));
    org.w3c.dom.NodeList titles = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title");
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < titles.getLength(); i++) texts.add(titles.item(i).getTextContent());
    assertThat(texts).containsExactly("AMI Catalog · Image family app-* (123456789012)",
        "Gone from us-east-1: app-20250101", "New in us-east-1: app-20250201", "New in us-east-1: app-20250101");
    assertThat(cells(visitor.page("/audit"), "app-*")).containsEntry("us-east-1", "c-current");
  }

  @Test
  void anImageCreatedFromALaunchedInstanceAppearsAfterAResync() {
    Ec2Client west = Aws.ec2(moto.endpoint(), "eu-west-1");
    String base = west.describeImages(b -> b.owners("amazon").filters(f -> f.name("architecture").values("x86_64")))
        .images().stream().filter(i -> "ebs".equals(i.rootDeviceTypeAsString())).map(Image::imageId).sorted().findFirst().orElseThrow();
    String instance = west.runInstances(b -> b.imageId(base).instanceType("t3.micro").minCount(1).maxCount(1)
            .tagSpecifications(t -> t.resourceType("instance").tags(tag -> tag.key("Name").value("web"))))
        .instances().get(0).instanceId();

    Document list = visitor.page("/audit/instances?region=eu-west-1");
    Element listed = list.select("#instances tbody tr").stream().filter(tr -> tr.text().contains(instance)).findFirst().orElseThrow();
    assertThat(listed.text()).contains("web").contains("t3.micro");
    Document form = visitor.page(listed.selectFirst("a").attr("href"));
    assertThat(form.selectFirst("#name").val()).matches("web-\\d{8}-\\d{4}");

    FormElement create = (FormElement) form.selectFirst("form.create-image");
    Map<String, List<String>> fields = FormSession.fields(create);
    fields.put("name", List.of("x"));
    HttpResponse<String> invalid = visitor.submit(create, fields);
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(FormSession.parse(invalid).selectFirst(".field-error").text()).contains("3 to 128 characters");

    fields.put("name", List.of("web-20260101-1200"));
    fields.put("description", List.of("made by the audit test"));
    fields.put("tags", List.of("Team=platform\nEnv=test"));
    fields.put("noReboot", List.of("on"));
    HttpResponse<String> started = visitor.submit(create, fields);
    assertThat(started.statusCode()).isEqualTo(303);
    assertThat(visitor.submit(create, fields).statusCode()).as("resubmitted").isEqualTo(303);
    assertThat(named("eu-west-1", "web-20260101-1200")).hasSize(1);
    Image made = named("eu-west-1", "web-20260101-1200").get(0);

    String progressUrl = started.headers().firstValue("Location").orElseThrow();
    Element row = visitor.page(progressUrl).selectFirst("tr.mine");
    assertThat(row.text()).contains("new image").contains("from " + instance + " in eu-west-1").contains(made.imageId());
    Map<String, Object> logged = app.db.read(h -> h.createQuery("SELECT * FROM actions").mapToMap().one());
    assertThat(logged).containsEntry("kind", "create-image").containsEntry("image_id", made.imageId()).containsEntry("region", "eu-west-1");
    assertThat(Json.read((String) logged.get("request")).path("noReboot").asBoolean()).isTrue();

    sync();
    Map<String, String> cells = cells(visitor.page("/audit?name=web"), "web-*");
    assertThat(cells).containsEntry("eu-west-1", "c-current").containsEntry("us-east-1", "c-missing");
    Document detail = visitor.page("/images/eu-west-1/" + made.imageId());
    assertThat(detail.select("table.grid td").eachText()).contains("Team", "platform");
    assertThat(visitor.page(progressUrl).selectFirst("tr.mine .note").text()).isEqualTo("Available, and in the catalog.");
  }
}
