package amicatalog.testing;

import amicatalog.app.App;
import amicatalog.auth.Users;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import amicatalog.search.CatalogSearch;
import amicatalog.sync.DemoCatalog;
import amicatalog.sync.Indexer;
import amicatalog.sync.RunResult;
import amicatalog.sync.SnapshotImageSource;
import amicatalog.sync.SyncListener;
import amicatalog.web.Origins;
import amicatalog.web.Role;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The real app on a free loopback port over a temp SQLite file, loaded from the bundled demo
 * data (a few regions, for speed) plus any describe-images JSON a test adds.
 */
public final class TestApp implements AutoCloseable {
  public static final List<String> DEMO_REGIONS = List.of("eu-west-1", "us-east-1", "ap-southeast-6");

  /** Images with markup and script in every text field, for the escaping tests. */
  public static final String HOSTILE = """
      {"Images": [{"ImageId": "ami-0badc0ffee0000001", "Name": "<script>alert(1)</script>",
        "Description": "\\"><img src=x onerror=alert(2)>", "OwnerId": "999988887777", "Public": false,
        "Architecture": "x86_64", "State": "available", "CreationDate": "2026-01-02T03:04:05.000Z",
        "Tags": [{"Key": "<b>team</b>", "Value": "\\"><svg onload=alert(3)>"}]}]}""";
  private static TestApp shared;

  public final Database db;
  public final CatalogSearch search;
  public final Javalin app;
  public final URI base;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final boolean ownsDb;

  private TestApp(Database db, CatalogSearch search, Javalin app, boolean ownsDb) {
    this.db = db;
    this.search = search;
    this.app = app;
    this.base = URI.create("http://127.0.0.1:" + app.port());
    this.ownsDb = ownsDb;
  }

  /** The app serving a catalog a test writes to itself (a sync in the test, as another process would): it leaves {@code db} open. */
  public static TestApp serve(Database db) {
    CatalogSearch search = new CatalogSearch(db);
    search.refresh();
    return new TestApp(db, search, App.create(parts(db, new Indexer(db), search, null, null, false, App.SignIn.OFF))
        .start("127.0.0.1", 0), false);
  }

  /**
   * One app over the demo data and {@link #HOSTILE}, started once per test JVM and shared by the
   * test classes that only read (a test that writes starts its own).
   */
  public static synchronized TestApp sharedReadOnly() {
    if (shared == null) {
      try {
        Path dir = java.nio.file.Files.createTempDirectory("ami-catalog-shared-");
        shared = start(dir, "eu-west-1", HOSTILE);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** Starts the app over the demo data of {@link #DEMO_REGIONS} plus {@code extraImagesJson} (may be null). */
  public static TestApp start(Path dir, String extraRegion, String extraImagesJson) {
    return start(dir, null, false, extraRegion, extraImagesJson);
  }

  /** As above, acting on the AWS account behind {@code aws} (e.g. moto), read-only or not. */
  public static TestApp start(Path dir, amicatalog.aws.AwsAccess aws, boolean readOnly, String extraRegion,
      String extraImagesJson) {
    return start(dir, aws, null, readOnly, extraRegion, extraImagesJson, App.SignIn.OFF);
  }

  /**
   * The app as {@code serve --demo} runs it, loaded as serve loads the demo ({@link DemoCatalog})
   * but over {@link #DEMO_REGIONS} only: the demo banner on every page, the Fedora CoreOS history and
   * its derived deprecations, no AWS (the launch, copy and create-image forms use the sample account).
   */
  public static TestApp startDemo(Path dir) {
    return start(dir, (amicatalog.aws.AwsAccess) null, DEMO_AS_OF, false, null, null, App.SignIn.OFF);
  }

  /** The date {@link #startDemo} says its catalog is of. */
  public static final String DEMO_AS_OF = "2026-07-21";

  /**
   * As above, with sign-in on; {@code users} (name → role, each with the password {@link #PASSWORD})
   * are added first.
   */
  public static TestApp startSignedIn(Path dir, amicatalog.aws.AwsAccess aws, java.util.Map<String, Role> users) {
    Database db = TestStores.open(dir);
    Users store = new Users(db);
    users.forEach((name, role) -> store.add(name, role, PASSWORD));
    db.close();
    return start(dir, aws, null, false, null, null, new App.SignIn(true, null, null, false));
  }

  public static final String PASSWORD = "correct horse battery";

  /**
   * As {@link #start(Path, amicatalog.aws.AwsAccess, boolean, String, String)}, listing and acting in
   * the accounts of {@code accounts} (an accounts file's), not the credentials' own alone.
   */
  public static TestApp start(Path dir, amicatalog.aws.Accounts accounts) {
    return start(dir, accounts, null, false, null, null, App.SignIn.OFF);
  }

  private static TestApp start(Path dir, amicatalog.aws.AwsAccess aws, String demoAsOf, boolean readOnly,
      String extraRegion, String extraImagesJson, App.SignIn signIn) {
    return start(dir, aws == null ? null : amicatalog.aws.Accounts.single(aws), demoAsOf, readOnly, extraRegion, extraImagesJson, signIn);
  }

  private static TestApp start(Path dir, amicatalog.aws.Accounts accounts, String demoAsOf, boolean readOnly,
      String extraRegion, String extraImagesJson, App.SignIn signIn) {
    Database db = TestStores.open(dir);
    if (demoAsOf != null) {
      DemoCatalog.load(db, SyncListener.NONE, DEMO_REGIONS);
    } else {
      List<SnapshotImageSource.Snapshot> snapshots = new ArrayList<>();
      for (String region : DEMO_REGIONS) {
        snapshots.add(new SnapshotImageSource.Snapshot(region, region, () -> resource("/demo/" + region + ".json.gz")));
      }
      if (extraImagesJson != null) {
        byte[] bytes = extraImagesJson.getBytes(StandardCharsets.UTF_8);
        snapshots.add(new SnapshotImageSource.Snapshot(extraRegion, "extra", () -> new ByteArrayInputStream(bytes)));
      }
      load(db, snapshots);
    }
    Indexer indexer = new Indexer(db);
    CatalogSearch search = new CatalogSearch(db);
    search.refresh();
    return new TestApp(db, search, App.create(parts(db, indexer, search, accounts, demoAsOf, readOnly, signIn))
        .start("127.0.0.1", 0), true);
  }


  private static App.Parts parts(Database db, Indexer indexer, CatalogSearch search, amicatalog.aws.Accounts accounts,
      String demoAsOf, boolean readOnly, App.SignIn signIn) {
    return new App.Parts(db, indexer, search, accounts, demoAsOf, trigger -> false,
        new Origins("127.0.0.1", List.of(), null), readOnly, List.of(), signIn, new amicatalog.metrics.Metrics());
  }

  /** Syncs these regions and scopes from EC2 (moto) into the catalog, then refreshes the search, as serve does. */
  public RunResult sync(amicatalog.aws.AwsAccess aws, List<String> regions, java.util.Set<Scope> scopes) {
    return sync(amicatalog.aws.Accounts.single(aws), regions, scopes);
  }

  /** Syncs every account of {@code accounts} (each through its role), as `sync --accounts FILE` does. */
  public RunResult sync(amicatalog.aws.Accounts accounts, List<String> regions, java.util.Set<Scope> scopes) {
    RunResult run = new Indexer(db).run("test", amicatalog.sync.SyncPlan.of(accounts, regions, scopes, List.of()),
        SyncListener.NONE);
    search.refresh();
    return run;
  }

  public static RunResult load(Database db, List<SnapshotImageSource.Snapshot> snapshots) {
    SnapshotImageSource source = new SnapshotImageSource(snapshots);
    return new Indexer(db).run("test", source.regions(), EnumSet.of(Scope.IMPORT), source, SyncListener.NONE);
  }

  private static java.io.InputStream resource(String name) throws IOException {
    var in = TestApp.class.getResourceAsStream(name);
    if (in == null) throw new IOException("no resource " + name);
    return in;
  }

  public String url(String pathAndQuery) {
    return base + pathAndQuery;
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.stop();
    search.close();  // lets go of the search index's lock
    if (ownsDb) db.close();
  }
}
