package amicatalog.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.Accounts;
import amicatalog.aws.AwsAccess;
import amicatalog.common.Json;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Ec2Proxy;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;

/**
 * Who can launch what, across two accounts on moto (through STS AssumeRole, as AccountsMotoTest):
 * the golden-image account owns an image shared with the workloads account (inside), one made
 * public and one shared with an account outside the catalog. The sync reads the launch permissions
 * of owned images only, as EC2 answers them; the exposure page, its JSON and CSV list the two that
 * reach outside, with each region's block public access (answered by WireMock: moto lacks it); a
 * permission changed elsewhere is history on the next sync, and in the exposure feed.
 */
@OnBothStores
class ExposureMotoTest {
  static final String REGION = "us-east-1";
  static final String GOLDEN = "111111111111", WORKLOADS = "222222222222", OUTSIDER = "999999999999", LATER = "888888888888";

  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  Ec2Proxy proxy;
  AwsAccess base;
  Accounts accounts;
  TestApp app;
  Ec2Client golden, workloads;

  static String role(String account) {
    return "arn:aws:iam::" + account + ":role/ami-catalog-reader";
  }

  @BeforeEach
  void start() throws Exception {
    moto.reset();
    proxy = new Ec2Proxy(moto);
    var goldenKeys = Aws.assumed(moto.endpoint(), role(GOLDEN));
    var workloadsKeys = Aws.assumed(moto.endpoint(), role(WORKLOADS));
    proxy.assumingRoleAs(role(GOLDEN), goldenKeys);
    proxy.assumingRoleAs(role(WORKLOADS), workloadsKeys);
    proxy.answering("GetImageBlockPublicAccessState", false, """
        <GetImageBlockPublicAccessStateResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>
        <imageBlockPublicAccessState>unblocked</imageBlockPublicAccessState></GetImageBlockPublicAccessStateResponse>""");
    golden = Aws.ec2(moto.endpoint(), REGION, goldenKeys);
    workloads = Aws.ec2(moto.endpoint(), REGION, workloadsKeys);
    Path file = dir.resolve("accounts.yaml");
    Files.writeString(file, """
        - {id: "%s", label: golden-images, role: "%s"}
        - {id: "%s", label: workloads, role: "%s"}
        """.formatted(GOLDEN, role(GOLDEN), WORKLOADS, role(WORKLOADS)));
    base = new AwsAccess(proxy.endpoint());
    accounts = Accounts.of(base, file, null);
    app = TestApp.start(dir, accounts);  // acting in the file's accounts, as serve --accounts does
  }

  @AfterEach
  void stop() {
    app.close();
    accounts.close();
    proxy.close();
  }

  @Test
  void theImagesThatReachOutsideAreListedWithTheirRegionsBlockingAndAPermissionChangeIsHistory() {
    String web = Aws.createOwnImage(golden, "golden-web-20250101");
    String leaked = Aws.createOwnImage(golden, "golden-base-20250101");
    String tool = Aws.createOwnImage(golden, "golden-tool-20250101");
    String app1 = Aws.createOwnImage(workloads, "workload-app-20250101");
    share(web, LaunchPermission.builder().userId(WORKLOADS).build());
    share(leaked, LaunchPermission.builder().group(PermissionGroup.ALL).build());
    share(tool, LaunchPermission.builder().userId(OUTSIDER).build());

    assertThat(app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED)).status()).isEqualTo("ok");

    // Read for the owned images only, once each, and stored as EC2 answers.
    assertThat(proxy.calls("DescribeImageAttribute")).hasSize(4);
    for (String image : List.of(web, leaked, tool)) assertThat(stored(image)).isEqualTo(ec2Says(golden, image));
    assertThat(stored(app1)).isEmpty();

    JsonNode exposure = Json.read(app.get("/api/exposure").body());
    assertThat(exposure.path("ownedImagesRead").asInt()).isEqualTo(4);
    Map<String, String> exposed = new TreeMap<>();
    exposure.path("images").forEach(i -> exposed.put(i.path("imageId").asText(), i.path("accountLabel").asText() + " "
        + i.path("public").asBoolean() + " " + i.path("outside").findValuesAsText("grantee") + " " + i.path("blockPublicAccess").asText()));
    assertThat(exposed).isEqualTo(Map.of(
        leaked, "golden-images true [all] unblocked",
        tool, "golden-images false [" + OUTSIDER + "] unblocked"));
    assertThat(exposure.path("blockPublicAccess").findValuesAsText("accountId")).containsExactly(GOLDEN, WORKLOADS);
    assertThat(app.get("/api/exposure.csv").body()).contains(GOLDEN + ",golden-images," + REGION + "," + leaked
        + ",golden-base-20250101,all,public,unblocked,");
    assertThat(Json.read(app.get("/api/exposure?account=" + WORKLOADS).body()).path("images")).isEmpty();
    assertThat(app.get("/api/exposure?account=golden").statusCode()).isEqualTo(400);

    // The search's facet says the same.
    assertThat(imageIds("/api/images?exposure=public")).containsExactly(leaked);
    assertThat(imageIds("/api/images?exposure=shared-outside")).containsExactly(tool);
    assertThat(imageIds("/api/images?exposure=shared-inside")).containsExactly(web);
    assertThat(imageIds("/api/images?exposure=owner-only")).containsExactly(app1);

    // The search's CSV says which accounts see each image (its last column).
    assertThat(app.get("/api/images.csv?account=" + GOLDEN).body().split("\r\n")).filteredOn(l -> l.contains(leaked))
        .singleElement().satisfies(l -> assertThat(l).endsWith("," + GOLDEN));

    // The owner facet names the catalog's accounts as the rest of the pages do.
    assertThat(Jsoup.parse(app.get("/").body()).select("section[data-facet=owner] .v").eachText())
        .contains("golden-images (" + GOLDEN + ")", "workloads (" + WORKLOADS + ")");

    var page = Jsoup.parse(app.get("/exposure").body());
    assertThat(page.select("#exposure-summary").text())
        .isEqualTo("2 of 4 owned images can be launched from outside the catalog's accounts: 1 public, 1 shared outside only.");
    var detail = Jsoup.parse(app.get("/images/" + REGION + "/" + web).body());
    assertThat(detail.select("#launch-permissions").text()).contains("workloads (" + WORKLOADS + ")").doesNotContain("outside");
    assertThat(detail.text()).contains("golden-images (" + GOLDEN + "): owns it");
    assertThat(app.get("/sync").body()).contains("launch permissions of 3 owned images read; block public access: unblocked");

    // Sharing changed elsewhere: the next sync records who came and went, in the history and the feed.
    share(web, LaunchPermission.builder().userId(LATER).build());
    golden.modifyImageAttribute(b -> b.imageId(web).launchPermission(p -> p.remove(LaunchPermission.builder().userId(WORKLOADS).build())));
    app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED));
    assertThat(stored(web)).isEqualTo(ec2Says(golden, web));
    List<String> events = app.db.read(h -> h.createQuery("""
            SELECT e.kind || ' ' || e.detail FROM image_events e JOIN images i ON i.id = e.image_row
            WHERE i.image_id = ? AND e.kind = 'changed' ORDER BY e.id""").bind(0, web).mapTo(String.class).list());
    assertThat(events).containsExactly("changed {\"launchPermissions\":[[\"" + WORKLOADS + "\"],[\"" + LATER + "\"]]}");
    var feed = Jsoup.parse(app.get("/feeds/exposure.atom").body(), "", Parser.xmlParser());
    assertThat(feed.select("entry > title").eachText()).containsExactly(
        "Sharing changed in " + REGION + ": golden-web-20250101 (now with " + LATER + ", no longer with " + WORKLOADS + ")");
    var history = Jsoup.parse(app.get("/images/" + REGION + "/" + web).body()).select("#history").text();
    assertThat(history).contains("launchPermissions: [\"" + WORKLOADS + "\"] → [\"" + LATER + "\"]");
    assertThat(Jsoup.parse(app.get("/exposure").body()).select("#exposed-images").text()).contains(LATER);

    // Made private through the forms, in the owner's account; the confirmation sent twice calls EC2 once.
    var forms = new amicatalog.testing.FormSession(app);
    var form = forms.page("/images/" + REGION + "/" + leaked + "/sharing?grantee=all");
    var check = amicatalog.testing.FormSession.parse(forms.submit((org.jsoup.nodes.FormElement) form.selectFirst("form#sharing-form")));
    assertThat(check.select("#sharing-check").text()).contains("in account golden-images (" + GOLDEN + ")").contains("Allowed");
    var confirm = (org.jsoup.nodes.FormElement) check.selectFirst("form#confirm-form");
    String first = landing(forms.submit(confirm)), second = landing(forms.submit(confirm));
    assertThat(first).contains("/exposure?done=").isEqualTo(second);
    assertThat(proxy.realCalls("ModifyImageAttribute")).hasSize(1);
    assertThat(ec2Says(golden, leaked)).isEmpty();
  }

  /** Where a form's answer sends the browser. */
  private static String landing(java.net.http.HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse(response.uri().toString());
  }

  private List<String> imageIds(String path) {
    List<String> ids = new java.util.ArrayList<>();
    Json.read(app.get(path).body()).path("images").forEach(i -> ids.add(i.path("image").path("ImageId").asText()));
    return ids;
  }

  private void share(String imageId, LaunchPermission permission) {
    golden.modifyImageAttribute(b -> b.imageId(imageId).launchPermission(p -> p.add(permission)));
  }

  private static TreeSet<String> ec2Says(Ec2Client ec2, String imageId) {
    TreeSet<String> grantees = new TreeSet<>();
    for (LaunchPermission p : ec2.describeImageAttribute(b -> b.imageId(imageId).attribute(ImageAttributeName.LAUNCH_PERMISSION))
        .launchPermissions()) {
      grantees.add(p.group() == PermissionGroup.ALL ? "all" : p.userId());
    }
    return grantees;
  }

  private TreeSet<String> stored(String imageId) {
    List<String> grantees = app.db.read(h -> h.createQuery("""
            SELECT p.grantee FROM launch_permissions p JOIN images i ON i.id = p.image_row WHERE i.image_id = ?""")
        .bind(0, imageId).mapTo(String.class).list());
    return new TreeSet<>(grantees);
  }
}
