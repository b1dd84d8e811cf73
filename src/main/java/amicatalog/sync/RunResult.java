package amicatalog.sync;

import java.util.List;

/** How a sync run ended, with one result per (region, scope). */
public record RunResult(long runId, String status, List<ListingResult> listings) {

  public boolean anyFailed() {
    return listings.stream().anyMatch(l -> !l.ok());
  }

  public List<String> failedRegions() {
    return listings.stream().filter(l -> !l.ok()).map(ListingResult::region).distinct().toList();
  }
}
