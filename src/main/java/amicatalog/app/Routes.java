package amicatalog.app;

import amicatalog.actions.Changes;
import amicatalog.actions.Confirmations;
import amicatalog.audit.AuditHandler;
import amicatalog.compare.CompareHandler;
import amicatalog.copy.CopyHandler;
import amicatalog.copy.InstancesHandler;
import amicatalog.copy.PendingImages;
import amicatalog.copy.ProgressHandler;
import amicatalog.detail.DetailHandler;
import amicatalog.feeds.FeedHandler;
import amicatalog.latest.LatestHandler;
import amicatalog.launch.LaunchHandler;
import amicatalog.launch.LaunchLogHandler;
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

  Routes(App.Parts p, Layouts layouts, Changes changes, Confirmations confirmations) {
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
    feeds = new FeedHandler(p.db(), p.origins());
  }

  void register(RoutesConfig routes) {
    routes.get("/", search::page);
    routes.get("/api/images", search::json);
    routes.get("/api/images.csv", search::csv);
    routes.get("/images/{region}/{imageId}", detail::page);
    routes.get("/images/{imageId}", detail::byId);
    routes.get("/api/images/{region}/{imageId}", detail::json);
    routes.get("/sync", status::page);
    routes.post("/sync", status::syncNow);
    routes.get("/health", status::health);

    routes.get("/compare", compare::page);
    routes.get("/api/compare", compare::json);
    routes.get("/images/{region}/{imageId}/launch", launch::form);
    routes.post("/images/{region}/{imageId}/launch", launch::check);
    routes.post("/images/{region}/{imageId}/launch/confirm", launch::confirm);
    routes.get("/launches", launches::list);
    routes.get("/api/launches", launches::json);
    routes.get("/launches/{id}", launches::result);

    routes.get("/audit", audit::page);
    routes.get("/audit.csv", audit::csv);
    routes.get("/images/{region}/{imageId}/copy", copy::form);
    routes.post("/images/{region}/{imageId}/copy", copy::check);
    routes.post("/images/{region}/{imageId}/copy/confirm", copy::confirm);
    routes.get("/audit/copies", progress::page);
    routes.get("/audit/instances", instances::list);
    routes.get("/audit/instances/{region}/{instanceId}/image", instances::form);
    routes.post("/audit/instances/{region}/{instanceId}/image", instances::create);
    routes.get("/latest", latest::page);
    routes.get("/api/latest", latest::json);
    routes.get("/feeds/family.atom", feeds::family);
    routes.get("/feeds/search.atom", feeds::search);
  }
}
