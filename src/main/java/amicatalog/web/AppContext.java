package amicatalog.web;

import amicatalog.Config;
import amicatalog.catalog.CatalogSearch;
import amicatalog.db.Database;
import amicatalog.indexer.Indexer;
import java.util.function.BooleanSupplier;

/**
 * What the handlers share: the store, the indexer, the configuration, and how to start a sync
 * in the background ({@code syncNow} answers false when one is running or syncing is off).
 */
public record AppContext(Database db, Indexer indexer, CatalogSearch search, Config config, String demoAsOf,
    BooleanSupplier syncNow) {}
