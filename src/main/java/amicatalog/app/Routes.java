package amicatalog.app;

import static amicatalog.web.Role.ANYONE;
import static amicatalog.web.Role.OPERATOR;
import static amicatalog.web.Role.VIEWER;

import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.audit.AuditHandler;
import amicatalog.auth.SignInHandler;
import amicatalog.compare.CompareHandler;
import amicatalog.copy.CopyHandler;
import amicatalog.copy.InstancesHandler;
import amicatalog.copy.PendingImages;
import amicatalog.copy.ProgressHandler;
import amicatalog.detail.DetailHandler;
import amicatalog.feeds.FeedHandler;
import amicatalog.image.Category;
import amicatalog.image.Facet;
import amicatalog.latest.LatestHandler;
import amicatalog.launch.LaunchHandler;
import amicatalog.launch.LaunchLogHandler;
import amicatalog.metrics.MetricsHandler;
import amicatalog.search.SearchHandler;
import amicatalog.sync.StatusHandler;
import amicatalog.web.Layouts;
import io.javalin.config.RoutesConfig;

/** The one route table, and every handler built with what it needs. */
final class Routes {
  private static final int OWNER_PICKS = 8;

  private final SearchHandler search;
  private final DetailHandler detail;
  private final StatusHandler status;
  private final CompareHandler compare;
  private final LaunchHandler launch;
  private final LaunchLogHandler launches;
  private final AuditHandler audit;
  private final CopyHandler copy;
  private final ProgressHandler progress;
  private final InstancesHandler instances;
  private final LatestHandler latest;
  private final FeedHandler feeds;
  /** Follows copies and new images in the background while the app runs. */
  final PendingImages pendingImages;

  private final SignInHandler signIn;
  private final MetricsHandler metrics;

  Routes(App.Parts p, Layouts layouts, Changes changes, Confirmations confirmations, SignInHandler signIn) {
    this.signIn = signIn;
    metrics = new MetricsHandler(p.metrics());
    for (String category : Category.LABELS) {
      p.metrics().gauge("amicatalog_images", "Live images by category", "category", category,
          () -> p.search().liveCount(Facet.CATEGORY, category));
    }
    search = new SearchHandler(p.search(), layouts);
    detail = new DetailHandler(p.db(), layouts);
    status = new StatusHandler(p.db(), p.indexer(), p.search(), p.demoAsOf(), p.syncNow(), layouts);
    compare = new CompareHandler(p.db(), p.origins(), layouts);
    launch = new LaunchHandler(p.db(), changes, confirmations, layouts);
    launches = new LaunchLogHandler(p.db(), changes, layouts);
    audit = new AuditHandler(p.db(), () -> p.search().topOwners(OWNER_PICKS), layouts);
    pendingImages = new PendingImages(p.db(), changes);
    copy = new CopyHandler(p.db(), changes, confirmations, pendingImages, layouts);
    progress = new ProgressHandler(p.db(), pendingImages, layouts);
    instances = new InstancesHandler(p.db(), changes, confirmations, pendingImages, layouts);
    latest = new LatestHandler(p.db(), changes, layouts);
    feeds = new FeedHandler(p.db(), p.origins(), p.search(), layouts);
  }

  /** Every route with who may use it when sign-in is on (pages and the API: viewers; changes: operators). */
  void register(RoutesConfig routes) {
    routes.get("/login", signIn::form, ANYONE);
    routes.post("/login", signIn::signIn, ANYONE);
    routes.post("/logout", signIn::signOut, ANYONE);
    routes.get("/", search::page, VIEWER);
    routes.get("/api/images", search::json, VIEWER);
    routes.get("/api/images.csv", search::csv, VIEWER);
    routes.get("/images/{region}/{imageId}", detail::page, VIEWER);
    routes.get("/images/{imageId}", detail::byId, VIEWER);
    routes.get("/api/images/{region}/{imageId}", detail::json, VIEWER);
    routes.get("/sync", status::page, VIEWER);
    routes.post("/sync", status::syncNow, OPERATOR);
    routes.get("/health", status::health, ANYONE);
    routes.get("/metrics", metrics::scrape, VIEWER);

    routes.get("/compare", compare::page, VIEWER);
    routes.get("/api/compare", compare::json, VIEWER);
    // The forms of actions are an operator's too: they are filled by AWS calls made with the catalog's credentials.
    routes.get("/images/{region}/{imageId}/launch", launch::form, OPERATOR);
    routes.post("/images/{region}/{imageId}/launch", launch::check, OPERATOR);
    routes.post("/images/{region}/{imageId}/launch/confirm", launch::confirm, OPERATOR);
    routes.get("/launches", launches::list, VIEWER);
    routes.get("/api/launches", launches::json, VIEWER);
    routes.get("/launches/{id}", launches::result, VIEWER);

    routes.get("/audit", audit::page, VIEWER);
    routes.get("/audit.csv", audit::csv, VIEWER);
    routes.get("/images/{region}/{imageId}/copy", copy::form, OPERATOR);
    routes.post("/images/{region}/{imageId}/copy", copy::check, OPERATOR);
    routes.post("/images/{region}/{imageId}/copy/confirm", copy::confirm, OPERATOR);
    routes.get("/audit/copies", progress::page, VIEWER);
    routes.get("/audit/instances", instances::list, VIEWER);
    routes.get("/audit/instances/{region}/{instanceId}/image", instances::form, OPERATOR);
    routes.post("/audit/instances/{region}/{instanceId}/image", instances::create, OPERATOR);
    routes.get("/latest", latest::page, VIEWER);
    routes.get("/api/latest", latest::json, VIEWER);
    routes.get("/feeds/family.atom", feeds::family, VIEWER);
    routes.get("/feeds/search.atom", feeds::search, VIEWER);
    // What a browser opens from a feed link: how to subscribe (a reader fetches the .atom, which the page announces).
    routes.get("/feeds/family", feeds::familyPage, VIEWER);
    routes.get("/feeds/search", feeds::searchPage, VIEWER);
  }
}
