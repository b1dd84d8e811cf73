package amicatalog.app;

import amicatalog.detail.DetailHandler;
import amicatalog.search.SearchHandler;
import amicatalog.sync.StatusHandler;
import io.javalin.config.RoutesConfig;

/** The one route table. */
final class Routes {
  private Routes() {}

  static void register(RoutesConfig routes) {
    routes.get("/", SearchHandler::page);
    routes.get("/images/{region}/{imageId}", DetailHandler::page);
    routes.get("/sync", StatusHandler::page);
    routes.post("/sync", StatusHandler::syncNow);
    routes.get("/health", StatusHandler::health);

    routes.get("/api/images", SearchHandler::json);
    routes.get("/api/images.csv", SearchHandler::csv);
    routes.get("/api/images/{region}/{imageId}", DetailHandler::json);

    // compare and launch
    routes.get("/compare", amicatalog.compare.CompareHandler::page);
    routes.get("/api/compare", amicatalog.compare.CompareHandler::json);
    routes.get("/images/{region}/{imageId}/launch", amicatalog.launch.LaunchHandler::form);
    routes.post("/images/{region}/{imageId}/launch", amicatalog.launch.LaunchHandler::check);
    routes.post("/images/{region}/{imageId}/launch/confirm", amicatalog.launch.LaunchHandler::confirm);
    routes.get("/launches", amicatalog.launch.LaunchLogHandler::list);
    routes.get("/api/launches", amicatalog.launch.LaunchLogHandler::json);
    routes.get("/launches/{id}", amicatalog.launch.LaunchLogHandler::result);

    // audit, latest, feeds
    routes.get("/audit", amicatalog.audit.AuditHandler::page);
    routes.get("/audit.csv", amicatalog.audit.AuditHandler::csv);
    routes.get("/images/{region}/{imageId}/copy", amicatalog.copy.CopyHandler::form);
    routes.post("/images/{region}/{imageId}/copy", amicatalog.copy.CopyHandler::check);
    routes.post("/images/{region}/{imageId}/copy/confirm", amicatalog.copy.CopyHandler::confirm);
    routes.get("/audit/copies", amicatalog.copy.ProgressHandler::page);
    routes.get("/audit/instances", amicatalog.copy.InstancesHandler::list);
    routes.get("/audit/instances/{region}/{instanceId}/image", amicatalog.copy.InstancesHandler::form);
    routes.post("/audit/instances/{region}/{instanceId}/image", amicatalog.copy.InstancesHandler::create);
    routes.get("/latest", amicatalog.latest.LatestHandler::page);
    routes.get("/api/latest", amicatalog.latest.LatestHandler::json);
    routes.get("/feeds/family.atom", amicatalog.feeds.FeedHandler::family);
    routes.get("/feeds/search.atom", amicatalog.feeds.FeedHandler::search);
  }
}
