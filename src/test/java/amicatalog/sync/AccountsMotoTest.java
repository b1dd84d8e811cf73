package amicatalog.sync;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.Accounts;
import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Ec2Proxy;
import amicatalog.testing.MotoServer;
import amicatalog.testing.OnBothStores;
import amicatalog.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

/**
 * Several accounts through STS AssumeRole against moto (which acts as the account of an assumed
 * role): a golden-image account sharing with a workload account, and a third account whose role
 * STS refuses (through WireMock). moto keeps each account's images apart, so an image shared with
 * another account is answered to that account by WireMock, as its owner describes it
 * ({@link Ec2Proxy#sharingWith}). What the catalog records per account must equal EC2's answers.
 */
@OnBothStores
class AccountsMotoTest {
  static final String REGION = "us-east-1";
  static final String GOLDEN = "111111111111", WORKLOADS = "222222222222", BROKEN = "333333333333";

  @TempDir Path dir;
  MotoServer moto = MotoServer.get();
  Ec2Proxy proxy;
  AwsAccess base;
  Accounts accounts;
  TestApp app;
  Ec2Client golden, workloads;
  software.amazon.awssdk.auth.credentials.AwsSessionCredentials goldenKeys, workloadsKeys;

  static String role(String account) {
    return "arn:aws:iam::" + account + ":role/ami-catalog-reader";
  }

  @BeforeEach
  void start() throws Exception {
    moto.reset();
    proxy = new Ec2Proxy(moto);
    proxy.refusingRole(role(BROKEN));
    goldenKeys = Aws.assumed(moto.endpoint(), role(GOLDEN));
    workloadsKeys = Aws.assumed(moto.endpoint(), role(WORKLOADS));
    proxy.assumingRoleAs(role(GOLDEN), goldenKeys);
    proxy.assumingRoleAs(role(WORKLOADS), workloadsKeys);
    golden = Aws.ec2(moto.endpoint(), REGION, goldenKeys);
    workloads = Aws.ec2(moto.endpoint(), REGION, workloadsKeys);
    Path file = dir.resolve("accounts.yaml");
    Files.writeString(file, """
        # the organisation's accounts
        accounts:
          - id: "%s"
            label: golden-images
            role: %s
          - id: "%s"
            label: workloads
            role: %s
          - id: "%s"
            label: sandbox
            role: %s
        """.formatted(GOLDEN, role(GOLDEN), WORKLOADS, role(WORKLOADS), BROKEN, role(BROKEN)));
    base = new AwsAccess(proxy.endpoint());
    accounts = Accounts.of(base, file, null);
    app = TestApp.start(dir, accounts);  // lists and acts in the file's accounts
  }

  @AfterEach
  void stop() {
    app.close();
    accounts.close();
    proxy.close();
  }

  @Test
  void eachAccountSeesItsOwnAndSharedImagesAsEc2SaysAndAFailingAccountFailsAlone() {
    String web = Aws.createOwnImage(golden, "golden-web-20250101");
    String db = Aws.createOwnImage(golden, "golden-db-20250101");
    golden.modifyImageAttribute(b -> b.imageId(web).launchPermission(p -> p.add(LaunchPermission.builder().userId(WORKLOADS).build())));
    proxy.sharingWith(workloadsKeys.accessKeyId(), golden.describeImages(b -> b.imageIds(web)).images());
    String app1 = Aws.createOwnImage(workloads, "workload-app-20250101");

    RunResult run = app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED, Scope.AMAZON));

    assertThat(run.status()).isEqualTo("partial");
    assertThat(run.listings()).filteredOn(l -> !l.ok()).allSatisfy(l -> {
      assertThat(l.account()).isEqualTo(BROKEN);
      assertThat(l.error()).contains("sandbox (" + BROKEN + ")").contains("AccessDenied").contains("sts:AssumeRole");
    });
    assertThat(run.listings()).filteredOn(l -> !l.ok()).extracting(ListingResult::scope)
        .containsExactlyInAnyOrder(Scope.SELF, Scope.SHARED);
    // Amazon's images answer the same in every account: listed once in the region, not three times.
    assertThat(run.listings()).filteredOn(l -> l.scope() == Scope.AMAZON).singleElement()
        .satisfies(l -> assertThat(l.account()).isEqualTo(GOLDEN));

    assertThat(sightings()).isEqualTo(Map.of(
        web, Map.of(GOLDEN, "self", WORKLOADS, "shared"),
        db, Map.of(GOLDEN, "self"),
        app1, Map.of(WORKLOADS, "self")));
    for (var keys : List.of(goldenKeys, workloadsKeys)) {
      Ec2Client ec2 = Aws.ec2(proxy.endpoint(), REGION, keys);  // what EC2 answers each account, sharing included
      String account = keys == goldenKeys ? GOLDEN : WORKLOADS;
      assertThat(seenBy(account, Scope.SELF)).containsExactlyInAnyOrderElementsOf(ids(ec2.describeImages(b -> b.owners("self")).images()));
      List<String> sharedWithIt = ec2.describeImages(b -> b.executableUsers("self")).images().stream()
          .filter(i -> !Boolean.TRUE.equals(i.publicLaunchPermissions()) && !account.equals(i.ownerId())).map(Image::imageId).toList();
      assertThat(seenBy(account, Scope.SHARED)).containsExactlyInAnyOrderElementsOf(sharedWithIt);
    }
    assertThat(category(web)).isEqualTo("private");  // owned by one of the catalog's accounts
    assertThat(accountsTable()).containsEntry(GOLDEN, "golden-images").containsEntry(BROKEN, "sandbox");

    // The golden account stops sharing, and deregisters an image: the next sync follows, and the
    // failing account's listings, failing again, remove nothing.
    golden.modifyImageAttribute(b -> b.imageId(web).launchPermission(p -> p.remove(LaunchPermission.builder().userId(WORKLOADS).build())));
    proxy.sharingWith(workloadsKeys.accessKeyId(), List.of());
    golden.deregisterImage(b -> b.imageId(db));
    RunResult again = app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED));

    assertThat(again.status()).isEqualTo("partial");
    assertThat(sightings()).isEqualTo(Map.of(web, Map.of(GOLDEN, "self"), app1, Map.of(WORKLOADS, "self")));
    assertThat(removedAt(db)).isNotNull();
    assertThat(removedAt(web)).isNull();
    assertThat(app.get("/sync").body()).contains("sandbox").contains("AccessDenied");
  }

  @Test
  void anImageSharedWithTwoAccountsGoesOnlyWhenNeitherSeesItAny() {
    String shared = Aws.createOwnImage(golden, "golden-base-20250101");
    // Owned by an account outside the catalog's (moto's default one), shared with both of ours.
    Ec2Client outside = Aws.ec2(moto.endpoint(), REGION);
    String vendor = Aws.createOwnImage(outside, "vendor-agent-20250101");
    List<Image> described = outside.describeImages(b -> b.imageIds(vendor)).images();
    proxy.sharingWith(goldenKeys.accessKeyId(), described);
    proxy.sharingWith(workloadsKeys.accessKeyId(), described);
    app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED));
    assertThat(sightings().get(vendor)).isEqualTo(Map.of(GOLDEN, "shared", WORKLOADS, "shared"));
    assertThat(category(vendor)).isEqualTo("shared");
    assertThat(sightings().get(shared)).isEqualTo(Map.of(GOLDEN, "self"));

    proxy.sharingWith(goldenKeys.accessKeyId(), List.of());  // the vendor stops sharing with the golden account
    app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED));
    assertThat(sightings().get(vendor)).isEqualTo(Map.of(WORKLOADS, "shared"));
    assertThat(removedAt(vendor)).isNull();

    proxy.sharingWith(workloadsKeys.accessKeyId(), List.of());
    app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED));
    assertThat(sightings()).doesNotContainKey(vendor);
    assertThat(removedAt(vendor)).isNotNull();
    assertThat(sightings().get(shared)).isEqualTo(Map.of(GOLDEN, "self"));
  }

  @Test
  void theSearchCountsEachAccountsImagesAsEc2AnswersThemAndFiltersByAccount() throws Exception {
    String web = Aws.createOwnImage(golden, "golden-web-20250101");
    String db = Aws.createOwnImage(golden, "golden-db-20250101");
    golden.modifyImageAttribute(b -> b.imageId(web).launchPermission(p -> p.add(LaunchPermission.builder().userId(WORKLOADS).build())));
    proxy.sharingWith(workloadsKeys.accessKeyId(), golden.describeImages(b -> b.imageIds(web)).images());
    String app1 = Aws.createOwnImage(workloads, "workload-app-20250101");
    app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED, Scope.AMAZON));

    // What EC2 answers each account: its own images and those shared with it.
    Map<String, Integer> ec2Counts = new TreeMap<>();
    for (var keys : List.of(goldenKeys, workloadsKeys)) {
      Ec2Client ec2 = Aws.ec2(proxy.endpoint(), REGION, keys);
      String account = keys == goldenKeys ? GOLDEN : WORKLOADS;
      Set<String> sees = new java.util.HashSet<>(ids(ec2.describeImages(b -> b.owners("self")).images()));
      ec2.describeImages(b -> b.executableUsers("self")).images().stream()
          .filter(i -> !Boolean.TRUE.equals(i.publicLaunchPermissions())).forEach(i -> sees.add(i.imageId()));
      ec2Counts.put(account, sees.size());
    }
    assertThat(ec2Counts).isEqualTo(Map.of(GOLDEN, 2, WORKLOADS, 2));
    assertThat(accountFacet(app.get("/").body())).isEqualTo(Map.of(
        "golden-images (" + GOLDEN + ")", ec2Counts.get(GOLDEN), "workloads (" + WORKLOADS + ")", ec2Counts.get(WORKLOADS)));

    // The JSON twin's facet, and the filter by URL parameter.
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(app.get("/api/images?account=" + WORKLOADS).body());
    assertThat(json.path("total").asInt()).isEqualTo(2);
    Set<String> found = new java.util.HashSet<>();
    json.path("images").forEach(i -> found.add(i.path("image").path("ImageId").asText()));
    assertThat(found).containsExactlyInAnyOrder(web, app1);
    Map<String, Integer> jsonFacet = new TreeMap<>();
    json.path("facets").path("account").forEach(v -> jsonFacet.put(v.path("value").asText(), v.path("count").asInt()));
    assertThat(jsonFacet).containsEntry(WORKLOADS, 2).containsEntry(GOLDEN, 2);  // drill-sideways: the facet's own filter left out

    var page = org.jsoup.Jsoup.parse(app.get("/?account=" + GOLDEN).body());
    assertThat(page.select("table#results tbody tr td.c-id").eachText()).containsExactlyInAnyOrder(web, db);
    assertThat(page.select(".chip").eachText()).anyMatch(c -> c.contains("Account: golden-images (" + GOLDEN + ")"));
    var webRow = page.select("table#results tbody tr").stream().filter(r -> r.select("td.c-id").text().equals(web)).findFirst().orElseThrow();
    assertThat(webRow.select("td.c-account").text()).isEqualTo("golden-images (" + GOLDEN + "), workloads (" + WORKLOADS + ")");
    assertThat(page.select("th.c-account").hasAttr("hidden")).isFalse();
    assertThat(page.select("section[data-facet=account] .facet-help").text()).contains("public images");
    // A public image is seen by every account alike: it has no account, and the filter leaves it out.
    assertThat(org.jsoup.Jsoup.parse(app.get("/?q=amzn2&account=" + GOLDEN).body()).select("table#results tbody tr")).isEmpty();

    // The golden account stops sharing: the workload account's count follows (no image event: only the sighting changed).
    golden.modifyImageAttribute(b -> b.imageId(web).launchPermission(p -> p.remove(LaunchPermission.builder().userId(WORKLOADS).build())));
    proxy.sharingWith(workloadsKeys.accessKeyId(), List.of());
    app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED));
    assertThat(accountFacet(app.get("/").body())).isEqualTo(Map.of(
        "golden-images (" + GOLDEN + ")", 2, "workloads (" + WORKLOADS + ")", 1));
  }

  @Test
  void aLaunchActsInAnAccountThatSeesTheImageAndIsRefusedForOneThatDoesNot() {
    String web = Aws.createOwnImage(golden, "golden-web-20250101");
    String db = Aws.createOwnImage(golden, "golden-db-20250101");
    golden.modifyImageAttribute(b -> b.imageId(web).launchPermission(p -> p.add(LaunchPermission.builder().userId(WORKLOADS).build())));
    proxy.sharingWith(workloadsKeys.accessKeyId(), golden.describeImages(b -> b.imageIds(web)).images());
    app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED));
    var browser = new amicatalog.testing.FormSession(app);
    String webLaunch = "/images/" + REGION + "/" + web + "/launch", dbLaunch = "/images/" + REGION + "/" + db + "/launch";

    // The image shared with the workload account: both may launch it, its owner first.
    var form = browser.page(webLaunch);
    assertThat(form.select("select#account option").eachText())
        .containsExactly("golden-images (" + GOLDEN + ")", "workloads (" + WORKLOADS + ")");
    assertThat(form.selectFirst("select#account option[selected]").val()).isEqualTo(GOLDEN);
    assertThat(form.selectFirst("form#launch-form input[name=account]").val()).isEqualTo(GOLDEN);
    // Only the golden account sees the other image: no choice, it is said.
    var dbForm = browser.page(dbLaunch);
    assertThat(dbForm.select("select#account")).isEmpty();
    assertThat(dbForm.selectFirst("#acting-account").text()).contains("golden-images (" + GOLDEN + ")");
    // An image one of the catalog's accounts owns is its own: no warning about an unknown publisher.
    assertThat(dbForm.text()).doesNotContain("not a trusted owner").doesNotContain("Check the owner");

    // Launching the golden-only image in the workload account: a 400 that says why, nothing recorded, nothing started.
    var fields = amicatalog.testing.FormSession.fields((org.jsoup.nodes.FormElement) dbForm.selectFirst("form#launch-form"));
    fields.put("account", List.of(WORKLOADS));
    var refused = browser.post(dbLaunch, fields);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("workloads (" + WORKLOADS + ") cannot see image " + db);
    assertThat(browser.get(dbLaunch + "?account=" + WORKLOADS).statusCode()).isEqualTo(400);
    fields.put("account", List.of("999999999999"));
    var unknown = browser.post(dbLaunch, fields);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("not one of the accounts this catalog lists");
    assertThat(actionAccounts()).isEmpty();

    // The shared image in the workload account: its form is the workload account's, the check goes
    // through its role and the launch log records it.
    var workloadForm = browser.page(webLaunch + "?account=" + WORKLOADS);
    assertThat(workloadForm.selectFirst("select#account option[selected]").val()).isEqualTo(WORKLOADS);
    var checked = browser.submit((org.jsoup.nodes.FormElement) workloadForm.selectFirst("form#launch-form"));
    assertThat(checked.statusCode()).as(checked.body()).isIn(200, 422);
    assertThat(actionAccounts()).containsExactly(WORKLOADS);

    // In the owner's account the launch goes all the way: dry run, confirmation, one instance there.
    var confirm = amicatalog.testing.FormSession.parse(browser.submit((org.jsoup.nodes.FormElement) form.selectFirst("form#launch-form")));
    assertThat(confirm.select("#what-starts").text()).contains("Account " + GOLDEN);
    var started = browser.submit((org.jsoup.nodes.FormElement) confirm.selectFirst("form#confirm-form"));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
    assertThat(golden.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
        .map(software.amazon.awssdk.services.ec2.model.Instance::imageId).filter(web::equals)).hasSize(1);
    assertThat(actionAccounts()).containsExactly(WORKLOADS, GOLDEN, GOLDEN);
    var log = org.jsoup.Jsoup.parse(app.get("/launches").body());
    assertThat(log.select("#launch-log td.account").eachText()).contains("golden-images (" + GOLDEN + ")", "workloads (" + WORKLOADS + ")");
  }

  @Test
  void theAuditShowsTheFamiliesAnAccountSeesAndPagesNameTheAccounts() {
    String web = Aws.createOwnImage(golden, "golden-web-20250101");
    Aws.createOwnImage(golden, "golden-db-20250101");
    golden.modifyImageAttribute(b -> b.imageId(web).launchPermission(p -> p.add(LaunchPermission.builder().userId(WORKLOADS).build())));
    proxy.sharingWith(workloadsKeys.accessKeyId(), golden.describeImages(b -> b.imageIds(web)).images());
    Aws.createOwnImage(workloads, "workload-app-20250101");
    app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED, Scope.AMAZON));

    var workloadAudit = org.jsoup.Jsoup.parse(app.get("/audit?account=" + WORKLOADS).body());
    assertThat(workloadAudit.select(".fam-name").eachText()).containsExactlyInAnyOrder("golden-web-*", "workload-app-*");
    assertThat(workloadAudit.select("select[name=account] option[selected]").text()).isEqualTo("workloads (" + WORKLOADS + ")");
    assertThat(workloadAudit.select(".fam-meta").eachText()).anyMatch(m -> m.startsWith("golden-images (" + GOLDEN + ")"));
    assertThat(org.jsoup.Jsoup.parse(app.get("/audit?account=" + GOLDEN).body()).select(".fam-name").eachText())
        .containsExactlyInAnyOrder("golden-web-*", "golden-db-*");
    // Amazon's images are public: seen by every account alike, they count for none.
    assertThat(org.jsoup.Jsoup.parse(app.get("/audit?owner=amazon&account=" + GOLDEN).body()).select(".fam-name")).isEmpty();
    assertThat(org.jsoup.Jsoup.parse(app.get("/audit?owner=amazon").body()).select(".fam-name")).isNotEmpty();
    // The CSV twin holds the same families.
    String csv = app.get("/audit.csv?account=" + WORKLOADS).body();
    assertThat(csv.lines().skip(1).map(l -> l.split(",")[1]).distinct()).containsExactlyInAnyOrder("golden-web-*", "workload-app-*");
    assertThat(app.get("/audit?account=nobody").statusCode()).isEqualTo(400);

    // The image's page names its owner and who sees it as the catalog knows them.
    var detail = org.jsoup.Jsoup.parse(app.get("/images/" + REGION + "/" + web).body());
    assertThat(detail.text()).contains("golden-images (" + GOLDEN + ")")
        .contains("golden-images (" + GOLDEN + "): owns it; workloads (" + WORKLOADS + "): shared with it");
  }

  @Test
  void aCopyOffersTheAccountsThatSeeTheImageAndRefusesOneThatDoesNot() {
    String web = Aws.createOwnImage(golden, "golden-web-20250101");
    String db = Aws.createOwnImage(golden, "golden-db-20250101");
    golden.modifyImageAttribute(b -> b.imageId(web).launchPermission(p -> p.add(LaunchPermission.builder().userId(WORKLOADS).build())));
    proxy.sharingWith(workloadsKeys.accessKeyId(), golden.describeImages(b -> b.imageIds(web)).images());
    app.sync(accounts, List.of(REGION), EnumSet.of(Scope.SELF, Scope.SHARED));
    var browser = new amicatalog.testing.FormSession(app);

    var webCopy = browser.page("/images/" + REGION + "/" + web + "/copy");
    assertThat(webCopy.select("select#account option").eachText())
        .containsExactly("golden-images (" + GOLDEN + ")", "workloads (" + WORKLOADS + ")");
    assertThat(webCopy.selectFirst("select#account option[selected]").val()).isEqualTo(GOLDEN);

    var dbCopy = browser.page("/images/" + REGION + "/" + db + "/copy");
    assertThat(dbCopy.select("select#account")).isEmpty();
    assertThat(dbCopy.selectFirst("#acting-account").text()).contains("golden-images (" + GOLDEN + ")");
    var fields = amicatalog.testing.FormSession.fields((org.jsoup.nodes.FormElement) dbCopy.selectFirst("form.copy-form"));
    fields.put("region", List.of("eu-west-1"));
    fields.put("account", List.of(WORKLOADS));
    var refused = browser.post("/images/" + REGION + "/" + db + "/copy", fields);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("workloads (" + WORKLOADS + ") cannot see image " + db);

    // The golden account copies its own image: dry run, confirmation, CopyImage, recorded with the account.
    fields.put("account", List.of(GOLDEN));
    var confirm = amicatalog.testing.FormSession.parse(browser.post("/images/" + REGION + "/" + db + "/copy", fields));
    assertThat(confirm.selectFirst("#acting-account").text()).contains("golden-images (" + GOLDEN + ")");
    var done = browser.submit((org.jsoup.nodes.FormElement) confirm.selectFirst("form#confirm-form"));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    List<String> copiedIn = app.db.read(h -> h.createQuery("SELECT " + app.db.dialect().jsonField("request", "account") + " FROM actions WHERE kind = 'copy'")
        .mapTo(String.class).list());
    assertThat(copiedIn).containsExactly(GOLDEN);
  }

  /** The account each launch log entry acted in, oldest first. */
  private List<String> actionAccounts() {
    return app.db.read(h -> h.createQuery("SELECT " + app.db.dialect().jsonField("request", "account") + " FROM actions WHERE kind = 'launch' ORDER BY id")
        .mapTo(String.class).list());
  }

  /** The search page's account facet: label -> count. */
  private static Map<String, Integer> accountFacet(String html) {
    Map<String, Integer> counts = new TreeMap<>();
    for (var a : org.jsoup.Jsoup.parse(html).select("section[data-facet=account] li a")) {
      counts.put(a.select(".v").text(), Integer.parseInt(a.select(".n").text().replace(",", "")));
    }
    return counts;
  }

  private static List<String> ids(List<Image> images) {
    return images.stream().map(Image::imageId).toList();
  }

  /** Image id -> account -> how it sees it, from the catalog's sightings of live images. */
  private Map<String, Map<String, String>> sightings() {
    Map<String, Map<String, String>> all = new TreeMap<>();
    app.db.read(h -> h.createQuery("""
            SELECT i.image_id, s.account_id, s.scopes FROM image_sightings s JOIN images i ON i.id = s.image_row
            WHERE i.removed_at IS NULL""")
        .map((rs, ctx) -> {
          int scopes = rs.getInt(3);
          String how = (scopes & Scope.SELF.bit()) != 0 ? "self" : "shared";
          all.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), how);
          return null;
        }).list());
    return all;
  }

  private Set<String> seenBy(String account, Scope scope) {
    return Set.copyOf(app.db.read(h -> h.createQuery("""
            SELECT i.image_id FROM image_sightings s JOIN images i ON i.id = s.image_row
            WHERE s.account_id = ? AND (s.scopes & ?) <> 0 AND i.removed_at IS NULL""")
        .bind(0, account).bind(1, scope.bit()).mapTo(String.class).list()));
  }

  private String category(String imageId) {
    return app.db.read(h -> h.createQuery("SELECT category FROM images WHERE image_id = ?").bind(0, imageId).mapTo(String.class).one());
  }

  private String removedAt(String imageId) {
    return app.db.read(h -> h.createQuery("SELECT removed_at FROM images WHERE image_id = ?").bind(0, imageId)
        .mapTo(String.class).findOne().orElse(null));
  }

  private Map<String, String> accountsTable() {
    Map<String, String> labels = new TreeMap<>();
    app.db.read(h -> h.createQuery("SELECT id, label FROM accounts").map((rs, ctx) -> labels.put(rs.getString(1), rs.getString(2))).list());
    return labels;
  }
}
