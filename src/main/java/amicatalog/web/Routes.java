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
    routes.get("/launches/{id}", amicatalog.launch.LaunchLogHandler::result);

    // audit, latest, feeds
  }
}
