package amicatalog.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.FormSession;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The clean-up of owned images through the pages, with the real AWS SDK against moto's EC2: a
 * superseded image no instance runs is deregistered with its snapshot; one the sync saw in use is
 * kept on the page, one started since is refused at the check; and the log, the image's history and
 * the clean-up page say what was done.
 */
@OnBothStores
class CleanupMotoTest {
  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  AwsAccess aws;
  TestApp app;
  FormSession visitor;
  Ec2Client ec2;

  @BeforeEach
  void start() {
    moto.reset();
    aws = new AwsAccess(moto.endpoint());
    app = TestApp.start(dir, aws, false, null, null);
    visitor = new FormSession(app);
    ec2 = Aws.ec2(moto.endpoint(), "us-east-1");
  }

  @AfterEach
  void stop() {
    app.close();
    aws.close();
  }

  private List<String> snapshotsOf(String imageId) {
    return Aws.snapshotsOf(ec2, imageId);
  }

  @Test
  void aSupersededImageNotInUseIsDeregisteredWithItsSnapshotAndAnImageInUseIsRefused() {
    String oldest = Aws.createOwnImage(ec2, "team-base-20241201");
    String old = Aws.createOwnImage(ec2, "team-base-20250101");
    String current = Aws.createOwnImage(ec2, "team-base-20250201");
    String running = ec2.runInstances(b -> b.imageId(oldest).instanceType("t3.micro").minCount(1).maxCount(1))
        .instances().get(0).instanceId();
    List<String> snapshots = snapshotsOf(old);
    assertThat(snapshots).as("moto gives a made image a snapshot").isNotEmpty();
    assertThat(Scope.DEFAULTS).as("the sync lists the instances").contains(Scope.INSTANCES);
    app.sync(aws, List.of("us-east-1"), Scope.DEFAULTS);

    Document page = visitor.page("/cleanup?older=0");
    assertThat(page.selectFirst("tr[data-image=" + old + "]").text()).contains("candidate").contains(snapshots.get(0));
    assertThat(page.selectFirst("tr[data-image=" + old + "] td.verdict").text()).isEqualTo("candidate Deregister…");
    assertThat(page.selectFirst("tr[data-image=" + old + "] td.instances").text()).isEqualTo("none");
    assertThat(page.selectFirst("tr[data-image=" + current + "]").text()).contains("kept: the newest of its family");
    // Superseded twice, but an instance runs it: kept, and nothing offers to deregister it.
    assertThat(page.selectFirst("tr[data-image=" + oldest + "]").text()).contains("kept: in use by 1 instance (" + running + ")");
    assertThat(page.selectFirst("tr[data-image=" + oldest + "] td.instances").text()).isEqualTo(running + " (running)");
    assertThat(page.select("tr[data-image=" + oldest + "] a.button")).isEmpty();
    assertThat(page.selectFirst("#cleanup-totals").text()).startsWith("1 of 3 owned images are candidates");

    // In use: an instance runs the current image, so the check refuses and offers nothing to confirm.
    ec2.runInstances(b -> b.imageId(current).instanceType("t3.micro").minCount(1).maxCount(1));
    Document refused = FormSession.parse(visitor.submit(
        (FormElement) visitor.page("/images/us-east-1/" + current + "/deregister").selectFirst("#deregister-form")));
    assertThat(refused.selectFirst("#dry-runs").text()).contains("In use: i-");
    assertThat(refused.select("#confirm-form")).isEmpty();
    assertThat(ec2.describeImages(b -> b.imageIds(current)).images()).hasSize(1);

    // Not in use: the check lists exactly what goes, the confirmation does it once; the rules set on the page come along.
    String deregister = page.selectFirst("tr[data-image=" + old + "] a.button").attr("href");
    assertThat(deregister).isEqualTo("/images/us-east-1/" + old + "/deregister?back=%2Fcleanup%3Folder%3D0");
    Document form = visitor.page(deregister);
    assertThat(form.selectFirst(".crumbs a").attr("href")).as("← Clean-up").isEqualTo("/cleanup?older=0");
    assertThat(form.select("#snapshots li").eachText()).anySatisfy(t -> assertThat(t).contains(snapshots.get(0)));
    Document confirm = FormSession.parse(visitor.submit((FormElement) form.selectFirst("#deregister-form")));
    assertThat(confirm.selectFirst("#what-goes").text()).contains(old).contains(snapshots.get(0));
    assertThat(confirm.selectFirst(".crumbs a").attr("href")).isEqualTo("/cleanup?older=0");
    FormElement confirmForm = (FormElement) confirm.selectFirst("#confirm-form");
    HttpResponse<String> done = visitor.submit(confirmForm);
    assertThat(done.statusCode()).isEqualTo(303);
    String outcomeUrl = done.headers().firstValue("Location").orElseThrow();
    assertThat(outcomeUrl).as("back to the page as it was set").matches("/cleanup\\?older=0&done=\\d+");
    assertThat(visitor.submit(confirmForm).headers().firstValue("Location")).as("a double submit does nothing twice").hasValue(outcomeUrl);

    assertThat(ec2.describeImages(b -> b.imageIds(old)).images()).isEmpty();
    assertThatThrownBy(() -> ec2.describeSnapshots(b -> b.snapshotIds(snapshots.get(0))))
        .isInstanceOfSatisfying(software.amazon.awssdk.services.ec2.model.Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound"));
    Document after = visitor.page(outcomeUrl);
    assertThat(after.selectFirst("#cleanup-rules input[name=older]").val()).isEqualTo("0");
    assertThat(after.selectFirst("#cleanup-totals").text()).startsWith("0 of 2 owned images are candidates");
    assertThat(after.selectFirst("#cleanup-outcome").text()).contains("Deregister " + old).contains("deregistered")
        .contains("snapshots deleted: " + snapshots.get(0));
    assertThat(after.selectFirst("#cleanup-log tbody tr").text()).contains("from").contains("done");
    Document detail = visitor.page("/images/us-east-1/" + old);
    assertThat(detail.select("header .badge").eachText()).contains("gone");
    // What happened, in words: who deregistered it through the catalog, when, and its snapshot with it.
    String at = app.db.read(h -> h.createQuery("SELECT removed_at FROM images WHERE image_id = ?").bind(0, old).mapTo(String.class).one());
    String said = "Deregistered through this catalog by " + aws.callerArn() + " on " + at.substring(0, 10) + " "
        + at.substring(11, 16) + " UTC";
    assertThat(detail.selectFirst("#gone-notice").text()).startsWith("This image is gone. " + said + " (")
        .endsWith(", with its snapshot " + snapshots.get(0) + " deleted.").doesNotContain("sync");
    assertThat(detail.select("#history li").stream().filter(li -> li.selectFirst(".kind").text().equals("removed"))
        .findFirst().orElseThrow().selectFirst("div").text())
        .isEqualTo(said + ", with its snapshot " + snapshots.get(0) + " deleted.");
    // The family's feed says it too (not "deletedSnapshots: … → …").
    String feedPage = detail.selectFirst("#family-links a:contains(its feed)").attr("href");
    Document atom = org.jsoup.Jsoup.parse(visitor.get(visitor.page(feedPage).selectFirst("a#raw-atom").attr("href")).body(), "",
        org.jsoup.parser.Parser.xmlParser());
    org.jsoup.nodes.Element entry = atom.select("entry").stream()
        .filter(e -> e.selectFirst("title").text().equals("Gone from us-east-1: team-base-20250101")).findFirst().orElseThrow();
    assertThat(entry.selectFirst("content").text()).contains(said + ", with its snapshot " + snapshots.get(0) + " deleted.")
        .doesNotContain("→");
  }

  @Test
  void whenTheInstancesWereNeverListedACandidateSaysSoAndTheCheckStillAsksEc2() {
    String old = Aws.createOwnImage(ec2, "team-base-20250101");
    Aws.createOwnImage(ec2, "team-base-20250201");
    String running = ec2.runInstances(b -> b.imageId(old).instanceType("t3.micro").minCount(1).maxCount(1))
        .instances().get(0).instanceId();
    app.sync(aws, List.of("us-east-1"), java.util.EnumSet.of(Scope.SELF));  // no instances scope

    Document page = visitor.page("/cleanup?older=0");
    assertThat(page.selectFirst("tr[data-image=" + old + "] td.verdict").text()).contains("candidate; not known whether in use:"
        + " the instances are checked again before anything is deregistered");
    assertThat(page.selectFirst("tr[data-image=" + old + "] td.instances").text()).startsWith("not known");
    Document refused = FormSession.parse(visitor.submit(
        (FormElement) visitor.page("/images/us-east-1/" + old + "/deregister").selectFirst("#deregister-form")));
    assertThat(refused.selectFirst("#dry-runs").text()).contains("In use: " + running);
    assertThat(refused.select("#confirm-form")).isEmpty();
    assertThat(ec2.describeImages(b -> b.imageIds(old)).images()).hasSize(1);
  }

  @Test
  void theWayBackIsOnlyEverTheCleanupPageWithItsRules() {
    String image = Aws.createOwnImage(ec2, "team-base-20250101");
    app.sync(aws, List.of("us-east-1"), java.util.EnumSet.of(Scope.SELF));
    String form = "/images/us-east-1/" + image + "/deregister?back=";
    // Rebuilt from the rules it holds: a default dropped, a price as typed.
    assertThat(visitor.page(form + java.net.URLEncoder.encode("/cleanup?older=0&price=0.050&keep=2", java.nio.charset.StandardCharsets.UTF_8))
        .selectFirst(".crumbs a").attr("href")).isEqualTo("/cleanup?older=0&keep=2");
    assertThat(visitor.page("/images/us-east-1/" + image + "/deregister").selectFirst(".crumbs a").attr("href")).isEqualTo("/cleanup");
    for (String bad : List.of("https://evil.example/cleanup", "//evil.example/cleanup", "/cleanup/../launch", "/sync",
        "/cleanup?older=0&next=https://evil.example", "/cleanup?older=lots", "/cleanup?older=0&older=1", "/cleanup#x")) {
      HttpResponse<String> refused = visitor.get(form + java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8));
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body()).as(bad).contains("back takes the clean-up page's address");
    }
    // A confirmation posted with another address is refused before anything is done.
    Document confirm = FormSession.parse(visitor.submit(
        (FormElement) visitor.page("/images/us-east-1/" + image + "/deregister").selectFirst("#deregister-form")));
    FormElement confirmForm = (FormElement) confirm.selectFirst("#confirm-form");
    java.util.Map<String, List<String>> fields = new java.util.HashMap<>(FormSession.fields(confirmForm));
    fields.put("back", List.of("https://evil.example/"));
    HttpResponse<String> refused = visitor.submit(confirmForm, fields);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Location")).isEmpty();
    assertThat(ec2.describeImages(b -> b.imageIds(image)).images()).hasSize(1);
  }

  @Test
  void anImageOfAnotherOwnerIsNeverDeregistered() {
    app.sync(aws, List.of("us-east-1"), Scope.DEFAULTS);
    String amazons = app.db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = 'us-east-1' AND owner_alias = 'amazon' LIMIT 1")
        .mapTo(String.class).one());
    Document form = visitor.page("/images/us-east-1/" + amazons + "/deregister");
    assertThat(form.selectFirst("#deregister-off").text()).contains("which is not this catalog's account").contains("only its owner can deregister it");
    assertThat(form.select("#deregister-form")).isEmpty();
    HttpResponse<String> post = visitor.post("/images/us-east-1/" + amazons + "/deregister", java.util.Map.of(
        "_csrf", List.of(visitor.csrfTokenFrom("/login"))));
    assertThat(post.statusCode()).isEqualTo(409);
    assertThat(ec2.describeImages(b -> b.imageIds(amazons)).images()).hasSize(1);
  }
}
