package amicatalog.sync;

import amicatalog.image.Scope;
import java.time.Duration;

/** How one (region, scope) listing of a run ended. */
public record ListingResult(
    String region, Scope scope, boolean ok, boolean complete, int pages, int seen,
    int added, int changed, int removed, String error, Duration took) {}
