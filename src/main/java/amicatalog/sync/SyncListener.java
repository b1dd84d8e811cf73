package amicatalog.sync;

import amicatalog.image.Scope;

/** Hears a sync's progress as it happens: the CLI prints it, the web app shows it. */
public interface SyncListener {
  SyncListener NONE = new SyncListener() {};

  default void runStarted(long runId, java.util.List<String> regions, java.util.Set<Scope> scopes) {}

  default void listingStarted(String region, Scope scope) {}

  default void pageWritten(String region, Scope scope, int pages, int images) {}

  default void listingFinished(ListingResult result) {}

  /** What the launch permission reads after an account's own listing did, in a line ("launch permissions of 3 owned images read; …"). */
  default void permissionsRead(String account, String region, String said) {}

  default void runFinished(RunResult result) {}
}
