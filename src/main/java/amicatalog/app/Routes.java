package amicatalog.app;

import static amicatalog.web.Role.ANYONE;
import static amicatalog.web.Role.OPERATOR;
import static amicatalog.web.Role.VIEWER;

import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.api.ApiHandler;
import amicatalog.api.Endpoint;
import amicatalog.api.Endpoints;
import amicatalog.audit.AuditHandler;
import amicatalog.auth.SignInHandler;
import amicatalog.cleanup.CleanupHandler;
import amicatalog.drift.DriftHandler;
import amicatalog.cleanup.DeprecateHandler;
import amicatalog.cleanup.DeregisterHandler;
import amicatalog.exposure.ExposureHandler;
import amicatalog.exposure.SharingHandler;
import amicatalog.compare.CompareHandler;
import amicatalog.copy.CopyHandler;
import amicatalog.copy.InstancesHandler;
import amicatalog.copy.PendingImages;
import amicatalog.copy.ProgressHandler;
import amicatalog.detail.DetailHandler;
import amicatalog.families.FamilyHandler;
import amicatalog.feeds.FeedHandler;
import amicatalog.image.Category;
import amicatalog.image.Facet;
import amicatalog.latest.LatestHandler;
import amicatalog.launch.LaunchHandler;
import amicatalog.launch.LaunchLogHandler;
import amicatalog.metrics.MetricsHandler;
import amicatalog.search.SearchHandler;
import amicatalog.sync.StatusHandler;
import amicatalog.web.StaticFiles;
import amicatalog.web.Layouts;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

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
  private final FamilyHandler family;
  private final DriftHandler drift;
  private final CleanupHandler cleanup;
  private final DeregisterHandler deregister;
  private final DeprecateHandler deprecate;
  private final ExposureHandler exposure;
  private final SharingHandler sharing;
  private final FeedHandler feeds;
  private final ApiHandler api;
  /** Follows copies and new images in the background while the app runs. */
  final PendingImages pendingImages;

  private final SignInHandler signIn;
  private final MetricsHandler metrics;
  private final StaticFiles staticFiles = new StaticFiles();

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
    family = new FamilyHandler(p.db(), layouts);
    drift = new DriftHandler(p.db(), layouts);
    cleanup = new CleanupHandler(p.db(), changes, layouts);
    deregister = new DeregisterHandler(p.db(), changes, confirmations, layouts);
    deprecate = new DeprecateHandler(p.db(), changes, confirmations, layouts);
    exposure = new ExposureHandler(p.db(), layouts);
    sharing = new SharingHandler(p.db(), changes, confirmations, layouts);
    feeds = new FeedHandler(p.db(), p.origins(), p.search(), layouts);
    api = new ApiHandler(p.db(), p.origins(), layouts, p.signIn().required(), p.signIn().proxyHeader(),
        p.signIn().proxyAddress());
  }

  /**
   * Every route with who may use it when sign-in is on (pages and the API: viewers; changes: operators;
   * the API's roles are in its description, api.Endpoints).
   */
  void register(RoutesConfig routes) {
    routes.get("/static/{file}", staticFiles::serve, ANYONE);  // CSS, scripts and the icon, for the login page too
    routes.get("/login", signIn::form, ANYONE);
    routes.post("/login", signIn::signIn, ANYONE);
    routes.post("/logout", signIn::signOut, ANYONE);
    routes.get("/", search::page, VIEWER);
    endpoint(routes, Endpoints.IMAGES, search::json);
    endpoint(routes, Endpoints.IMAGES_CSV, search::csv);
    routes.get("/images/{region}/{imageId}", detail::page, VIEWER);
    routes.get("/images/{imageId}", detail::byId, VIEWER);
    endpoint(routes, Endpoints.IMAGE, detail::json);
    routes.get("/sync", status::page, VIEWER);
    routes.post("/sync", status::syncNow, OPERATOR);
    endpoint(routes, Endpoints.HEALTH, status::health);
    endpoint(routes, Endpoints.METRICS, metrics::scrape);

    routes.get("/compare", compare::page, VIEWER);
    endpoint(routes, Endpoints.COMPARE, compare::json);
    // The forms of actions are an operator's too: they are filled by AWS calls made with the catalog's credentials.
    routes.get("/images/{region}/{imageId}/launch", launch::form, OPERATOR);
    routes.post("/images/{region}/{imageId}/launch", launch::check, OPERATOR);
    routes.post("/images/{region}/{imageId}/launch/confirm", launch::confirm, OPERATOR);
    routes.get("/launches", launches::list, VIEWER);
    endpoint(routes, Endpoints.LAUNCHES, launches::json);
    routes.get("/launches/{id}", launches::result, VIEWER);

    routes.get("/audit", audit::page, VIEWER);
    endpoint(routes, Endpoints.AUDIT_CSV, audit::csv);
    routes.get("/images/{region}/{imageId}/copy", copy::form, OPERATOR);
    routes.post("/images/{region}/{imageId}/copy", copy::check, OPERATOR);
    routes.post("/images/{region}/{imageId}/copy/confirm", copy::confirm, OPERATOR);
    routes.get("/audit/copies", progress::page, VIEWER);
    routes.get("/audit/instances", instances::list, VIEWER);
    routes.get("/audit/instances/{region}/{instanceId}/image", instances::form, OPERATOR);
    routes.post("/audit/instances/{region}/{instanceId}/image", instances::create, OPERATOR);
    routes.get("/latest", latest::page, VIEWER);
    // <family>: a family key is a name pattern, which may hold a slash.
    routes.get("/families/{owner}/<family>", family::page, VIEWER);
    endpoint(routes, Endpoints.FAMILY, family::json);
    endpoint(routes, Endpoints.FAMILY_CSV, family::csv);
    routes.get("/drift", drift::page, VIEWER);
    endpoint(routes, Endpoints.DRIFT, drift::json);
    endpoint(routes, Endpoints.DRIFT_CSV, drift::csv);
    endpoint(routes, Endpoints.DRIFT_FEED, feeds::drift);
    routes.get("/exposure", exposure::page, VIEWER);
    endpoint(routes, Endpoints.EXPOSURE, exposure::json);
    endpoint(routes, Endpoints.EXPOSURE_CSV, exposure::csv);
    endpoint(routes, Endpoints.EXPOSURE_FEED, feeds::exposure);
    routes.get("/images/{region}/{imageId}/sharing", sharing::form, OPERATOR);
    routes.post("/images/{region}/{imageId}/sharing", sharing::check, OPERATOR);
    routes.post("/images/{region}/{imageId}/sharing/confirm", sharing::confirm, OPERATOR);
    routes.get("/cleanup", cleanup::page, VIEWER);
    routes.get("/images/{region}/{imageId}/deregister", deregister::form, OPERATOR);
    routes.post("/images/{region}/{imageId}/deregister", deregister::check, OPERATOR);
    routes.post("/images/{region}/{imageId}/deregister/confirm", deregister::confirm, OPERATOR);
    routes.get("/images/{region}/{imageId}/deprecate", deprecate::form, OPERATOR);
    routes.post("/images/{region}/{imageId}/deprecate", deprecate::check, OPERATOR);
    routes.post("/images/{region}/{imageId}/deprecate/confirm", deprecate::confirm, OPERATOR);
    endpoint(routes, Endpoints.LATEST, latest::json);
    endpoint(routes, Endpoints.FAMILY_FEED, feeds::family);
    endpoint(routes, Endpoints.SEARCH_FEED, feeds::search);
    // What a browser opens from a feed link: how to subscribe (a reader fetches the .atom, which the page announces).
    routes.get("/feeds/family", feeds::familyPage, VIEWER);
    routes.get("/feeds/search", feeds::searchPage, VIEWER);
    routes.get("/api", api::page, VIEWER);
    endpoint(routes, Endpoints.OPENAPI, api::openApi);
  }

  /**
   * An endpoint for scripts, at the path and with the role of its description (api.Endpoints),
   * which the /api page and /api/openapi.json show: what is registered is what they say.
   */
  private static void endpoint(RoutesConfig routes, Endpoint endpoint, Handler handler) {
    routes.get(endpoint.path(), handler, endpoint.role());
  }
}
