package amicatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.aws.AwsAccess;
import amicatalog.image.Scope;
import amicatalog.testing.Aws;
import amicatalog.testing.Axe;
import amicatalog.testing.Browser;
import amicatalog.testing.MotoServer;
import amicatalog.testing.TestApp;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * WCAG 2.1 A/AA, held by Deque's axe-core in headless chromium: every page of the route table, at
 * a desktop width and a phone width, over the demo catalog and over an account in moto (for the
 * pages that act on AWS: launch, copy, instances). No critical or serious violation may be left.
 */
class AccessibilityBrowserTest {
  /** A wide desktop window, and a phone held upright. */
  static final List<Integer> WIDTHS = List.of(1400, 400);
  /** GET routes that answer JSON, CSV or Atom, or redirect: no page of their own. */
  static final Set<String> NOT_HTML = Set.of("/images/{imageId}", "/api/images", "/api/images.csv", "/api/images/{region}/{imageId}",
      "/health", "/api/compare", "/api/launches", "/audit.csv", "/api/latest", "/feeds/family.atom",
      "/feeds/search.atom", "/metrics", "/api/openapi.json", "/static/{file}", "/api/family", "/api/family.csv",
      "/api/drift", "/api/drift.csv", "/feeds/drift.atom", "/api/exposure", "/api/exposure.csv", "/feeds/exposure.atom");
  /** Every page the tests below open, by the route that renders it (GET, or POST for a form's answer). */
  static final Set<String> DEMO_ROUTES = Set.of("GET /", "GET /images/{region}/{imageId}", "GET /sync", "GET /compare",
      "GET /images/{region}/{imageId}/launch", "POST /images/{region}/{imageId}/launch", "GET /launches", "GET /audit",
      "GET /images/{region}/{imageId}/copy", "POST /images/{region}/{imageId}/copy", "GET /audit/copies",
      "GET /audit/instances", "GET /audit/instances/{region}/{instanceId}/image",
      "POST /audit/instances/{region}/{instanceId}/image", "GET /latest", "GET /login", "GET /feeds/family", "GET /feeds/search",
      "GET /api", "GET /families/{owner}/<family>", "GET /cleanup", "GET /images/{region}/{imageId}/deregister",
      "GET /images/{region}/{imageId}/deprecate", "GET /drift", "GET /exposure", "GET /images/{region}/{imageId}/sharing");
  static final Set<String> MOTO_ROUTES = Set.of("GET /images/{region}/{imageId}/launch",
      "POST /images/{region}/{imageId}/launch", "GET /launches/{id}", "GET /launches", "GET /audit",
      "GET /images/{region}/{imageId}/copy", "POST /images/{region}/{imageId}/copy", "GET /audit/copies",
      "GET /audit/instances", "GET /audit/instances/{region}/{instanceId}/image", "GET /cleanup",
      "GET /images/{region}/{imageId}/deregister", "POST /images/{region}/{imageId}/deregister",
      "GET /images/{region}/{imageId}/deprecate", "GET /drift", "GET /exposure", "GET /images/{region}/{imageId}/sharing",
      "POST /images/{region}/{imageId}/sharing");

  @TempDir Path dir;
  TestApp app;
  AwsAccess aws;
  WebDriver browser;
  /** Pages × widths checked, and what axe found that fails. */
  final List<String> checked = new ArrayList<>();
  final Set<String> routesSeen = new LinkedHashSet<>();
  final List<String> failures = new ArrayList<>();

  @AfterEach
  void stop() {
    Browser.quit(browser);
    if (app != null) app.close();
    if (aws != null) aws.close();
  }

  @Test
  void everyHtmlRouteOfTheRouteTableIsChecked() {
    Set<String> gets = new TreeSet<>();
    for (ParsedEndpoint e : TestApp.sharedReadOnly().app.unsafe.internalRouter.allHttpHandlers()) {
      if (e.endpoint.method == HandlerType.GET && !NOT_HTML.contains(e.endpoint.path)) gets.add("GET " + e.endpoint.path);
    }
    Set<String> covered = new TreeSet<>(DEMO_ROUTES);
    covered.addAll(MOTO_ROUTES);
    assertThat(covered).as("the GET routes that render HTML, each opened by a test below (a new route needs"
        + " a page here, or a place in NOT_HTML)").containsAll(gets);
  }

  @Test
  void theDemoCatalogsPagesHaveNoSeriousViolations() {
    browser = Browser.start();
    app = TestApp.startDemo(dir);
    String ecs = app.db.read(h -> h.createQuery("""
            SELECT image_id FROM images WHERE region = 'us-east-1' AND owner_alias = 'amazon'
              AND family_key = 'amzn2-ami-ecs-hvm-*-arm64-ebs' ORDER BY creation_date DESC LIMIT 2""")
        .mapTo(String.class).list()).get(0);
    List<String> two = app.db.read(h -> h.createQuery("""
            SELECT image_id FROM images WHERE region = 'eu-west-1' AND owner_alias = 'amazon' AND name LIKE 'al2023-ami-2023%'
            ORDER BY creation_date DESC LIMIT 2""").mapTo(String.class).list());
    String compare = "/compare?id=eu-west-1/" + two.get(0) + "&id=eu-west-1/" + two.get(1);
    String derived = app.db.read(h -> h.createQuery("""
            SELECT image_id FROM images WHERE region = 'us-east-1' AND owner_id = '125523088429' AND deprecation_time IS NOT NULL
            ORDER BY creation_date DESC LIMIT 1""").mapTo(String.class).one());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    open("GET /", "/", "table.images");
    open("GET /", "/?q=amzn2&arch=arm64&region=eu-west-1", "table.images");
    open("GET /", "/?q=no-image-has-this-name", ".notice");
    open("GET /", "/?page=100000", ".notice");
    open("GET /images/{region}/{imageId}", "/images/us-east-1/" + ecs, "#missing-regions");
    open("GET /images/{region}/{imageId}", "/images/us-east-1/" + derived, "#derived-note");
    open("GET /images/{region}/{imageId}", "/images/eu-west-1/ami-00000000000000000", ".error-page");
    open("GET /sync", "/sync", ".run");
    open("GET /login", "/login", "form#sign-in-form");
    open("GET /compare", compare, "table.compare");
    open("GET /compare", compare + "&diff=1", "table.compare");
    open("GET /compare", "/compare", ".compare-add");
    // The demo sample account's forms, each up to its stop where the dry run would be.
    open("GET /images/{region}/{imageId}/launch", "/images/us-east-1/" + ecs + "/launch", "#sample-account");
    browser.findElement(By.id("check-launch")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("demo-stop")));
    here("POST /images/{region}/{imageId}/launch");
    open("GET /launches", "/launches", "h1");
    open("GET /audit", "/audit", "ul.picks");
    open("GET /audit", "/audit?owner=amazon", "table.matrix");
    open("GET /audit", "/audit?owner=%3Cscript%3E", ".error-page");
    open("GET /images/{region}/{imageId}/copy", "/images/us-east-1/" + ecs + "/copy", "#sample-account");
    browser.findElement(By.id("check-copy")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("demo-stop")));
    here("POST /images/{region}/{imageId}/copy");
    open("GET /audit/copies", "/audit/copies", "h1");
    open("GET /audit/instances", "/audit/instances", "#sample-account");
    browser.findElement(By.cssSelector("#instances a.button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create-image")));
    here("GET /audit/instances/{region}/{instanceId}/image");
    browser.findElement(By.id("create-image")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("demo-stop")));
    here("POST /audit/instances/{region}/{instanceId}/image");
    open("GET /latest", "/latest", "#owner-required");
    open("GET /latest", "/latest?owner=amazon&name=amzn2-ami-ecs-hvm-*-arm64-ebs", "#latest");
    open("GET /feeds/family", "/feeds/family?owner=amazon&family=amzn2-ami-ecs-hvm-*-arm64-ebs", "#feed-url");
    open("GET /feeds/search", "/feeds/search?q=ecs&arch=arm64", "#feed-url");
    open("GET /api", "/api", "#latest pre.api-answer");
    open("GET /families/{owner}/<family>", amicatalog.web.Urls.family("125523088429", "fedora-coreos-*-x86_64 [stable]"), "svg.timeline");
    open("GET /families/{owner}/<family>", "/families/%3Cscript%3E/x-*", ".error-page");
    open("GET /cleanup", "/cleanup", "#cleanup-empty");
    open("GET /drift", "/drift", "#drift-empty");
    open("GET /images/{region}/{imageId}/deregister", "/images/us-east-1/" + ecs + "/deregister", "#deregister-off");
    open("GET /images/{region}/{imageId}/deprecate", "/images/us-east-1/" + ecs + "/deprecate", "#deprecate-off");
    open("GET /exposure", "/exposure", "#exposure-empty");
    open("GET /images/{region}/{imageId}/sharing", "/images/us-east-1/" + ecs + "/sharing", "#sharing-off");

    assertThat(routesSeen).containsExactlyInAnyOrderElementsOf(DEMO_ROUTES);
    assertNoFailures();
  }

  @Test
  void theAccountPagesHaveNoSeriousViolations() {
    browser = Browser.start();
    MotoServer moto = MotoServer.get();
    moto.reset();
    aws = new AwsAccess(moto.endpoint());
    app = TestApp.start(dir, aws, false, null, null);
    Ec2Client ec2 = Aws.ec2(moto.endpoint(), "us-east-1");
    // An image of the account's own (its instance stays, for the instances page) to copy, and one of Amazon's to launch.
    String own = Aws.createOwnImage(ec2, "builder-20250505");
    ec2.modifyImageAttribute(b -> b.imageId(own).launchPermission(p -> p.add(l -> l.userId("999999999999"))));
    app.sync(aws, List.of("us-east-1", "eu-west-1"), EnumSet.of(Scope.SELF));
    app.sync(aws, List.of("us-east-1"), EnumSet.of(Scope.AMAZON, Scope.INSTANCES));
    String launchable = ec2.describeImages(b -> b.owners("amazon").filters(f -> f.name("architecture").values("x86_64")))
        .images().stream()
        .filter(i -> "ebs".equals(i.rootDeviceTypeAsString()) && "hvm".equals(i.virtualizationTypeAsString()) && i.platform() == null)
        .map(Image::imageId).sorted().findFirst().orElseThrow();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    open("GET /images/{region}/{imageId}/launch", "/images/us-east-1/" + launchable + "/launch", "#launch-form");
    browser.findElement(By.id("check-launch")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-form")));
    here("POST /images/{region}/{imageId}/launch");
    browser.findElement(By.id("confirm-launch")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("instances")));
    here("GET /launches/{id}");
    open("GET /launches", "/launches", "#launch-log");

    open("GET /audit", "/audit", "table.matrix");
    browser.findElement(By.cssSelector("td.sum a.copy")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("check-copy")));
    here("GET /images/{region}/{imageId}/copy");
    browser.findElement(By.id("check-copy")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-copy")));
    here("POST /images/{region}/{imageId}/copy");
    browser.findElement(By.id("confirm-copy")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.mine")));
    here("GET /audit/copies");

    open("GET /audit/instances", "/audit/instances?region=us-east-1", "#instances");
    browser.findElement(By.cssSelector("#instances a.button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create-image")));
    here("GET /audit/instances/{region}/{instanceId}/image");

    open("GET /cleanup", "/cleanup?older=0", "#owned-images");
    open("GET /drift", "/drift", "section.drift-image");
    open("GET /images/{region}/{imageId}/deregister", "/images/us-east-1/" + own + "/deregister", "#deregister-form");
    browser.findElement(By.id("check-deregister")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dry-runs")));
    here("POST /images/{region}/{imageId}/deregister");
    open("GET /images/{region}/{imageId}/deprecate", "/images/us-east-1/" + own + "/deprecate", "#deprecate-form");
    open("GET /exposure", "/exposure", "#exposed-images");
    open("GET /images/{region}/{imageId}/sharing", "/images/us-east-1/" + own + "/sharing", "#sharing-form");
    browser.findElement(By.id("check-sharing")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sharing-check")));
    here("POST /images/{region}/{imageId}/sharing");

    assertThat(routesSeen).containsExactlyInAnyOrderElementsOf(MOTO_ROUTES);
    assertNoFailures();
  }

  @Test
  void aViolationOnAPageIsFound() {
    // The check must be able to fail: a faint line of text and an image without a text alternative.
    browser = Browser.start();
    app = TestApp.startDemo(dir);
    browser.get(app.url("/sync"));
    ((JavascriptExecutor) browser).executeScript("""
        const p = document.createElement('p'); p.textContent = 'faint text'; p.style.color = '#dddddd';
        const img = document.createElement('img'); img.src = '/static/icon.svg';
        document.querySelector('main').append(p, img);""");
    assertThat(Axe.failing(browser)).extracting(Axe.Violation::rule).contains("color-contrast", "image-alt");
  }

  /** Opens {@code url}, sees {@code ready} on it, and checks it at every width. */
  void open(String route, String url, String ready) {
    browser.manage().window().setSize(new Dimension(WIDTHS.get(0), 1000));
    browser.get(app.url(url));
    assertThat(browser.findElements(By.cssSelector(ready))).as(url + " shows " + ready).isNotEmpty();
    here(route);
  }

  /** Checks the page the browser shows, rendered by {@code route} ("GET /path"), at every width. */
  void here(String route) {
    String method = route.substring(0, route.indexOf(' ')), path = route.substring(route.indexOf(' ') + 1);
    String shown = URI.create(browser.getCurrentUrl()).getPath();
    boolean matches = app.app.unsafe.internalRouter.allHttpHandlers().stream()
        .anyMatch(e -> e.endpoint.method.name().equals(method) && e.endpoint.path.equals(path) && e.matches(shown));
    assertThat(matches).as(shown + " is a page of " + route).isTrue();
    routesSeen.add(route);
    for (int width : WIDTHS) {
      browser.manage().window().setSize(new Dimension(width, 1000));
      long inner = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth");
      assertThat(inner).as("the window is " + width + " px wide").isBetween(width - 20L, (long) width);
      String where = browser.getCurrentUrl().replace(app.base.toString(), "") + " @" + width + "px";
      checked.add(where);
      for (Axe.Violation v : Axe.failing(browser)) failures.add(where + ": " + v);
    }
    browser.manage().window().setSize(new Dimension(WIDTHS.get(0), 1000));  // the next click is made on the desktop layout
  }

  void assertNoFailures() {
    System.out.println("axe checked " + checked.size() + " page views: " + checked);
    assertThat(failures).as("critical and serious WCAG 2.1 A/AA violations").isEmpty();
  }
}
