package amicatalog.web;

import amicatalog.catalog.DetailHandler;
import amicatalog.catalog.SearchHandler;
import amicatalog.status.StatusHandler;
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
    routes.get("/images/{region}/{imageId}/copy", amicatalog.audit.CopyHandler::form);
    routes.post("/images/{region}/{imageId}/copy", amicatalog.audit.CopyHandler::check);
    routes.post("/images/{region}/{imageId}/copy/confirm", amicatalog.audit.CopyHandler::confirm);
    routes.get("/audit/copies", amicatalog.audit.ProgressHandler::page);
    routes.get("/audit/instances", amicatalog.audit.InstancesHandler::list);
    routes.get("/audit/instances/{region}/{instanceId}/image", amicatalog.audit.InstancesHandler::form);
    routes.post("/audit/instances/{region}/{instanceId}/image", amicatalog.audit.InstancesHandler::create);
    routes.get("/latest", amicatalog.audit.LatestHandler::page);
    routes.get("/api/latest", amicatalog.audit.LatestHandler::json);
    routes.get("/feeds/family.atom", amicatalog.audit.FeedHandler::family);
    routes.get("/feeds/search.atom", amicatalog.audit.FeedHandler::search);
  }
}
