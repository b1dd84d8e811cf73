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

    // audit, latest, feeds
  }
}
