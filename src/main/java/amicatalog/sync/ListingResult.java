package amicatalog.sync;

import amicatalog.image.Scope;
import java.time.Duration;

/**
 * How one (account, region, scope) listing of a run ended ({@code account} null: a source of no
 * account, such as an import). {@code seen} counts distinct images;
 * {@code duplicates} the records that repeated an image id already listed (the last one was kept).
 */
public record ListingResult(
    String account, String region, Scope scope, boolean ok, boolean complete, int pages, int seen,
    int added, int changed, int removed, int duplicates, String error, Duration took) {

  /** "3 records repeated an image id already listed: the last of each was kept", or null. */
  public String duplicatesNote() {
    return duplicatesNote(duplicates);
  }

  static String duplicatesNote(int duplicates) {
    if (duplicates == 0) return null;
    return String.format("%,d record%s repeated an image id already listed: the last of each was kept", duplicates,
        duplicates == 1 ? "" : "s");
  }
}
