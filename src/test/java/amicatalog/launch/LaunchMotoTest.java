package amicatalog.launch;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.common.Json;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.RawHttp;
import amicatalog.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * Launching from a catalog entry, end to end: the real app, the real AWS SDK, and moto's EC2 (with
 * AMI and instance type validation on), over a catalog synced from moto's own images.
 */
@OnBothStores
class LaunchMotoTest {
  static final String REGION = "us-east-1";

  @TempDir static Path dir;
  static MotoServer moto;
  static AwsAccess aws;
  static TestApp app;
  static Ec2Client ec2;
  static String imageId;
  static String launchPath;

  FormSession browser = new FormSession(app);

  @BeforeAll
  static void start() {
    moto = MotoServer.get();
    moto.reset();
    aws = new AwsAccess(moto.endpoint());
    app = TestApp.start(dir, aws, false, null, null);
    app.sync(aws, List.of(REGION), EnumSet.of(Scope.AMAZON));
    ec2 = Aws.ec2(moto.endpoint(), REGION);
    imageId = x86EbsLinuxImage(ec2);
    launchPath = "/images/" + REGION + "/" + imageId + "/launch";
  }

  @AfterAll
  static void stop() {
    app.close();
    aws.close();
  }

  @BeforeEach
  void noInstancesYet() {
    moto.reset();  // moto's images stay; instances, key pairs and VPCs start afresh
  }

  static String x86EbsLinuxImage(Ec2Client ec2) {
    return ec2.describeImages(b -> b.owners("amazon").filters(f -> f.name("architecture").values("x86_64"))).images().stream()
        .filter(i -> "ebs".equals(i.rootDeviceTypeAsString()) && "hvm".equals(i.virtualizationTypeAsString()) && i.platform() == null)
        .map(Image::imageId).sorted().findFirst().orElseThrow();
  }

  static List<Instance> instances() {
    return ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream()).toList();
  }

  static Subnet subnetIn(String zone) {
    return ec2.describeSubnets(b -> b.filters(f -> f.name("availability-zone").values(zone))).subnets().get(0);
  }

  /** The launch form with a Name and a subnet chosen, checked: the confirmation page. */
  Document checked(String name, String zone) {
    Document form = browser.page(launchPath);
    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form#launch-form"));
    fields.put("name", List.of(name));
    fields.put("subnetId", List.of(subnetIn(zone).subnetId()));
    HttpResponse<String> response = browser.submit((FormElement) form.selectFirst("form#launch-form"), fields);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return browser.parse(response);
  }

  static Map<String, List<String>> confirmation(Document confirm) {
    return FormSession.fields((FormElement) confirm.selectFirst("form#confirm-form"));
  }

  HttpResponse<String> confirm(Document confirm) {
    return browser.submit((FormElement) confirm.selectFirst("form#confirm-form"), confirmation(confirm));
  }

  @Test
  void theFormIsPrefilledFromTheAccountWithTypesThatCanRunTheImage() {
    ec2.createKeyPair(b -> b.keyName("team-key"));

    Document d = browser.page(launchPath);

    List<String> types = d.select("select#instanceType option").eachAttr("value");
    assertThat(types).contains("t3.micro", "m5.large").doesNotContain("t4g.micro", "m6g.large", "a1.medium");
    assertThat(d.selectFirst("select#instanceType option[selected]").val()).isEqualTo("t3.micro");
    assertThat(d.selectFirst("select#instanceType").parent().text()).contains("can run this image (x86_64, hvm virtualization, ebs root device");
    Subnet defaultSubnet = subnetIn(REGION + "a");
    assertThat(defaultSubnet.defaultForAz()).isTrue();
    assertThat(d.selectFirst("select#subnetId option[selected]").val()).isEqualTo(defaultSubnet.subnetId());
    assertThat(d.select("select#subnetId option")).hasSize(ec2.describeSubnets().subnets().size());
    String defaultGroup = ec2.describeSecurityGroups(b -> b.filters(f -> f.name("group-name").values("default"),
        f -> f.name("vpc-id").values(defaultSubnet.vpcId()))).securityGroups().get(0).groupId();
    assertThat(d.select("#security-groups input[checked]").eachAttr("value")).containsExactly(defaultGroup);
    assertThat(d.select("select#keyName option").eachAttr("value")).containsExactly("", "team-key");
    assertThat(d.selectFirst("select#keyName option[selected]").val()).isEqualTo("team-key");
    assertThat(d.selectFirst("input#count").val()).isEqualTo("1");
    assertThat(d.selectFirst("input[name=_csrf]").val()).matches("[0-9a-f]{64}");  // the server's signature, not the cookie
  }

  @Test
  void aLaunchFromTheFormStartsExactlyOneInstanceWithThatImageTypeSubnetAndName() {
    Document confirm = checked("catalog-test-1", REGION + "b");

    assertThat(confirm.selectFirst("#verdict").text()).contains("Request would have succeeded, but DryRun flag is set");
    Map<String, String> facts = facts(confirm.select("#what-starts tr"));
    assertThat(facts).containsEntry("Instance type", "t3.micro").containsEntry("Number of instances", "1")
        .containsEntry("Name tag", "catalog-test-1").containsEntry("Image", imageId + " in " + REGION);
    assertThat(facts.get("Subnet")).startsWith(subnetIn(REGION + "b").subnetId() + " in us-east-1b");
    assertThat(confirm.selectFirst("#cost").text()).contains("costs money");
    assertThat(confirmation(confirm).get("nonce").get(0)).matches("[0-9a-f]{8,12}-[0-9a-f]{32}-[0-9a-f]{64}");
    assertThat(instances()).isEmpty();

    HttpResponse<String> launched = confirm(confirm);

    assertThat(launched.statusCode()).isEqualTo(303);
    String result = launched.headers().firstValue("Location").orElseThrow();
    assertThat(result).matches("/launches/\\d+");
    List<Instance> instances = instances();
    assertThat(instances).hasSize(1);
    Instance instance = instances.get(0);
    assertThat(instance.imageId()).isEqualTo(imageId);
    assertThat(instance.instanceTypeAsString()).isEqualTo("t3.micro");
    assertThat(instance.subnetId()).isEqualTo(subnetIn(REGION + "b").subnetId());
    assertThat(instance.tags()).anySatisfy(t -> {
      assertThat(t.key()).isEqualTo("Name");
      assertThat(t.value()).isEqualTo("catalog-test-1");
    });

    Document page = browser.page(result);
    assertThat(page.selectFirst("#launch-status").text()).isEqualTo("started");
    Element row = page.selectFirst("#instances tbody tr");
    assertThat(row.selectFirst("a").text()).startsWith(instance.instanceId());
    assertThat(row.selectFirst("a").attr("href")).isEqualTo("https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1"
        + "#InstanceDetails:instanceId=" + instance.instanceId());
    assertThat(row.select("td").get(1).text()).isIn("pending", "running");
    assertThat(page.selectFirst("#cli").text()).contains("aws ec2 run-instances --region us-east-1 --image-id " + imageId)
        .contains("--instance-type t3.micro --count 1").contains("--subnet-id " + instance.subnetId());
    assertThat(page.selectFirst("#terraform").text()).contains("resource \"aws_instance\" \"catalog_test_1\"")
        .contains("ami                    = \"" + imageId + "\"").contains("Name = \"catalog-test-1\"");
  }

  @Test
  void aBiggerRootVolumeIsWhatStartsAndASmallerOneIsRefused() {
    Document form = browser.page(launchPath);
    Element root = form.selectFirst("input#rootVolumeGiB");
    int size = Integer.parseInt(root.val());
    assertThat(root.attr("min")).isEqualTo(String.valueOf(size));
    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form#launch-form"));
    fields.put("rootVolumeGiB", List.of(String.valueOf(size - 1)));

    HttpResponse<String> refused = browser.submit((FormElement) form.selectFirst("form#launch-form"), fields);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(browser.parse(refused).select("#problems li").eachText()).containsExactly(
        "The root volume must be a whole number of GiB from " + size + " (the image's size) to 16,384.");

    fields.put("rootVolumeGiB", List.of(String.valueOf(size + 15)));
    Document confirm = browser.parse(browser.submit((FormElement) form.selectFirst("form#launch-form"), fields));
    assertThat(facts(confirm.select("#what-starts tr")).get("Root volume")).startsWith((size + 15) + " GiB (/dev/");
    assertThat(confirm(confirm).statusCode()).isEqualTo(303);

    Instance instance = instances().get(0);
    String volumeId = instance.blockDeviceMappings().stream().filter(m -> m.deviceName().equals(instance.rootDeviceName()))
        .findFirst().orElseThrow().ebs().volumeId();
    assertThat(ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().get(0).size()).isEqualTo(size + 15);
  }

  @Test
  void changeSomethingGoesBackToTheFormWithEveryChoiceKept() {
    ec2.createKeyPair(b -> b.keyName("team-key"));
    Document confirm = checked("keep-me", REGION + "c");

    Document form = browser.page(confirm.selectFirst("#confirm-form a.button").attr("href"));

    assertThat(form.selectFirst("input#name").val()).isEqualTo("keep-me");
    assertThat(form.selectFirst("select#subnetId option[selected]").val()).isEqualTo(subnetIn(REGION + "c").subnetId());
    assertThat(form.selectFirst("select#instanceType option[selected]").val()).isEqualTo("t3.micro");
    assertThat(form.selectFirst("select#keyName option[selected]").val()).isEqualTo("team-key");
    assertThat(form.select("#security-groups input[checked]")).hasSize(1);
    assertThat(instances()).isEmpty();
  }

  @Test
  void aGoneImageIsWarnedAboutBeforeAnything() {
    app.db.write(h -> h.execute("UPDATE images SET removed_at = '2026-01-05T00:00:00Z' WHERE region = ? AND image_id = ?",
        REGION, imageId));
    try {
      Document d = browser.page(launchPath);

      assertThat(d.select(".readiness").eachText()).anySatisfy(w -> assertThat(w)
          .startsWith("This image is gone: the catalog's sync of us-east-1 stopped seeing it on 2026-01-05."));
      assertThat(d.selectFirst("form#launch-form")).isNotNull();
      // Its detail page says it is gone and offers no launch (the form stays reachable, warned as above).
      Document detail = browser.page("/images/" + REGION + "/" + imageId);
      assertThat(detail.select(".badge.gone")).isNotEmpty();
      assertThat(detail.select("a[href$=/launch]")).isEmpty();
      assertThat(detail.select(".notice.warn").text()).contains("stopped seeing it on 2026-01-05 00:00 UTC");
    } finally {
      app.db.write(h -> h.execute("UPDATE images SET removed_at = NULL WHERE region = ? AND image_id = ?", REGION, imageId));
    }
  }

  @Test
  void theSameConfirmationSubmittedTwiceOrAtOnceStartsOnce() throws Exception {
    Document confirm = checked("twice", REGION + "a");

    HttpResponse<String> first = confirm(confirm);
    HttpResponse<String> again = confirm(confirm);

    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(again.statusCode()).isEqualTo(303);
    assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
    assertThat(instances()).hasSize(1);

    // A double click: both submits race; moto ignores client tokens, so only the launch log stands between them.
    Document other = checked("at-once", REGION + "a");
    List<CompletableFuture<HttpResponse<String>>> clicks = new ArrayList<>();
    for (int i = 0; i < 3; i++) clicks.add(CompletableFuture.supplyAsync(() -> confirm(other)));
    List<String> locations = clicks.stream().map(CompletableFuture::join)
        .map(r -> r.statusCode() + " " + r.headers().firstValue("Location").orElse(r.body())).distinct().toList();
    assertThat(locations).hasSize(1).allMatch(l -> l.startsWith("303 /launches/"));
    assertThat(instances()).hasSize(2);
  }

  @Test
  void anInstanceTypeForAnotherArchitectureIsRefusedWithTheReasonAndNothingStarts() {
    Document form = browser.page(launchPath);
    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form#launch-form"));
    fields.put("instanceType", List.of("t4g.micro"));

    HttpResponse<String> response = browser.submit((FormElement) form.selectFirst("form#launch-form"), fields);

    assertThat(response.statusCode()).isEqualTo(422);
    Document d = browser.parse(response);
    assertThat(d.select("#problems li").eachText()).containsExactly("t4g.micro runs arm64 images; this image is x86_64.");
    assertThat(d.selectFirst("#verdict")).isNull();
    assertThat(d.selectFirst("select#instanceType").parent().selectFirst(".field-problem").text()).contains("arm64");
    assertThat(instances()).isEmpty();
    Document log = browser.page("/launches");
    assertThat(log.selectFirst("#launch-log tbody tr").hasClass("refused")).isTrue();

    // Straight to the confirmation step with a made-up nonce: refused before anything else.
    fields.put("nonce", List.of("0123456789abcdef0123456789abcdef"));
    HttpResponse<String> confirmed = browser.post(launchPath + "/confirm", fields);
    assertThat(confirmed.statusCode()).isEqualTo(403);
    assertThat(instances()).isEmpty();
  }

  @Test
  void badInputIsAClearMessageNeverAnErrorPageFromTheServer() {
    Document form = browser.page(launchPath);
    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form#launch-form"));
    fields.put("count", List.of("11"));
    fields.put("subnetId", List.of("subnet-0nope"));
    fields.put("keyName", List.of("nobody's key"));
    fields.put("name", List.of("two\nlines"));
    fields.put("securityGroupId", List.of("sg-0nope"));

    HttpResponse<String> response = browser.submit((FormElement) form.selectFirst("form#launch-form"), fields);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(browser.parse(response).select("#problems li").eachText()).containsExactly(
        "The number of instances must be a whole number from 1 to 10.",
        "There is no subnet subnet-0nope in us-east-1.",
        "There is no security group sg-0nope in us-east-1.",
        "There is no key pair named “nobody's key” in us-east-1.",
        "A Name tag is at most 256 characters, without line breaks or control characters.");
    fields.remove("nonce");
    assertThat(browser.post(launchPath + "/confirm", fields).statusCode()).isEqualTo(403);
    assertThat(browser.get("/images/us-east-1/not-an-ami/launch").statusCode()).isEqualTo(400);
    assertThat(browser.get("/images/us-east-1/ami-0000000000000dead/launch").statusCode()).isEqualTo(404);
    assertThat(browser.get("/launches/abc").statusCode()).isEqualTo(400);
    assertThat(browser.get("/launches/99999").statusCode()).isEqualTo(404);
    assertThat(browser.get("/launches?before=x").statusCode()).isEqualTo(400);
    assertThat(instances()).isEmpty();
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefused() {
    Document form = browser.page(launchPath);
    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form#launch-form"));
    fields.remove("_csrf");

    assertThat(browser.submit((FormElement) form.selectFirst("form#launch-form"), fields).statusCode()).isEqualTo(403);
  }

  @Test
  void whatChangedSinceTheCheckIsCheckedAgainWhenConfirmed() {
    ec2.createKeyPair(b -> b.keyName("short-lived"));
    Document form = browser.page(launchPath);
    Map<String, List<String>> fields = FormSession.fields((FormElement) form.selectFirst("form#launch-form"));
    fields.put("keyName", List.of("short-lived"));
    fields.put("subnetId", List.of(subnetIn(REGION + "a").subnetId()));
    Document confirm = browser.parse(browser.submit((FormElement) form.selectFirst("form#launch-form"), fields));
    // The key pair existed at the check and was deleted before the confirmation: the app checks it again.
    ec2.deleteKeyPair(b -> b.keyName("short-lived"));

    HttpResponse<String> response = confirm(confirm);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(browser.parse(response).select("#problems li").eachText())
        .containsExactly("There is no key pair named “short-lived” in us-east-1.");
    assertThat(instances()).isEmpty();
  }

  @Test
  void aConfirmationChangedAfterItsCheckOrMadeUpIsRefusedLoggedAndStartsNothing() {
    Map<String, List<String>> tampered = confirmation(checked("tampered", REGION + "a"));
    tampered.put("instanceType", List.of("p5.48xlarge"));
    tampered.put("count", List.of("10"));

    HttpResponse<String> refused = browser.post(launchPath + "/confirm", tampered);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(browser.parse(refused).selectFirst("main").text()).contains("not issued by this catalog for this request");
    // Another browser's confirmation (its cookie, its nonce) does not pass in this one either.
    Map<String, List<String>> theirs = confirmation(checked("theirs", REGION + "a"));
    FormSession other = new FormSession(app);
    theirs.put("_csrf", List.of(other.csrfToken()));
    assertThat(other.post(launchPath + "/confirm", theirs).statusCode()).isEqualTo(403);
    assertThat(instances()).isEmpty();
    Element logged = browser.page("/launches").selectFirst("#launch-log tbody tr");
    assertThat(logged.hasClass("refused")).isTrue();
  }

  @Test
  void aReboundPageCanNeitherReadTheFormNorPostTheCheck() {
    int port = app.base.getPort();
    String form = RawHttp.send(app, "GET " + launchPath + " HTTP/1.1\r\nHost: attacker.example:" + port + "\r\n", "");
    assertThat(RawHttp.status(form)).isEqualTo(421);
    assertThat(form).doesNotContain("_csrf").doesNotContain("subnet-");
    assertThat(RawHttp.status(RawHttp.send(app, "GET /api/launches HTTP/1.1\r\nHost: attacker.example:" + port + "\r\n", "")))
        .isEqualTo(421);

    // Even with our own Host and a real token, a POST whose Origin is the attacker's is refused.
    Document page = browser.page(launchPath);
    Map<String, List<String>> fields = FormSession.fields((FormElement) page.selectFirst("form#launch-form"));
    fields.put("subnetId", List.of(subnetIn(REGION + "a").subnetId()));
    String body = fields.entrySet().stream().flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "="
        + java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8))).collect(java.util.stream.Collectors.joining("&"));
    String check = RawHttp.send(app, "POST " + launchPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://attacker.example:"
        + port + "\r\nCookie: " + browser.cookie() + "\r\nContent-Type: application/x-www-form-urlencoded\r\n", body);
    assertThat(RawHttp.status(check)).isEqualTo(403);
    assertThat(instances()).isEmpty();
  }

  @Test
  void theLaunchPagesShowTheOwnerAndWarnAboutAnUntrustedOne() {
    Document form = browser.page(launchPath);
    Image image = ec2.describeImages(b -> b.imageIds(imageId)).images().get(0);
    assertThat(form.selectFirst("#image-owner").text()).contains("account " + image.ownerId());
    boolean amazon = "amazon".equals(image.imageOwnerAlias());
    assertThat(form.select("#image-owner .badge").isEmpty()).isEqualTo(amazon);
    assertThat(checked("owner", REGION + "a").selectFirst("#image-owner").text()).contains(image.ownerId());

    // An image of an unknown account, under a familiar name: warned about, with its account id.
    String lookalike = app.db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = ? AND image_id <> ? LIMIT 1")
        .bind(0, REGION).bind(1, imageId).mapTo(String.class).one());
    app.db.write(h -> h.execute("UPDATE images SET owner_alias = NULL, owner_id = '444455556666' WHERE region = ? AND image_id = ?",
        REGION, lookalike));
    Document warned = browser.page("/images/" + REGION + "/" + lookalike + "/launch");
    assertThat(warned.selectFirst("#image-owner").text()).contains("account 444455556666").contains("not a trusted owner");
    assertThat(warned.select(".readiness").eachText()).anySatisfy(w -> assertThat(w).startsWith("Check the owner")
        .contains("444455556666"));
  }

  @Test
  void theLaunchLogListsEveryAttemptNewestFirst() {
    Document confirm = checked("logged", REGION + "a");
    String result = confirm(confirm).headers().firstValue("Location").orElseThrow();
    String instanceId = instances().get(0).instanceId();

    Document log = browser.page("/launches");

    List<Element> rows = log.select("#launch-log tbody tr");
    assertThat(rows.get(0).hasClass("started")).isTrue();
    assertThat(rows.get(0).selectFirst("a").attr("href")).isEqualTo(result);
    assertThat(rows.get(0).text()).contains(instanceId).contains("1 × t3.micro").contains("named “logged”")
        .contains("arn:aws:sts::123456789012:user/moto from 127.0.0.1").contains(imageId);
    assertThat(rows.get(1).hasClass("dry-run-ok")).isTrue();
    List<Long> ids = rows.stream().map(r -> Long.parseLong(r.selectFirst("td").text())).toList();
    assertThat(ids).isSortedAccordingTo(Comparator.reverseOrder());

    JsonNode json = Json.read(browser.get("/api/launches").body());
    JsonNode newest = json.path("launches").get(0);
    assertThat(newest.path("url").asText()).isEqualTo(result);
    assertThat(newest.path("status").asText()).isEqualTo("started");
    assertThat(newest.path("instanceIds").get(0).asText()).isEqualTo(instanceId);
    assertThat(newest.path("request").path("name").asText()).isEqualTo("logged");
    assertThat(json.path("launches").size()).isEqualTo(rows.size());
    assertThat(browser.get("/api/launches?before=x").statusCode()).isEqualTo(400);
  }

  static Map<String, String> facts(List<Element> rows) {
    Map<String, String> facts = new java.util.LinkedHashMap<>();
    rows.forEach(r -> facts.put(r.selectFirst("th").text(), r.selectFirst("td").text()));
    return facts;
  }
}
