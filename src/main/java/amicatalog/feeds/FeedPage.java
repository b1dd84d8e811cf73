package amicatalog.feeds;

import amicatalog.common.Dates;
import amicatalog.web.Layout;
import java.util.List;

/**
 * The page a feed link opens in a browser: what the feed follows, which events become entries,
 * its address to copy into a feed reader, the raw Atom, and the entries it holds now; when it
 * holds none, why (a catalog loaded once has no history yet, which is not the same as a quiet family).
 */
public record FeedPage(Layout layout, String heading, String follows, String followsUrl, String followsLabel,
    List<Kind> kinds, String atomUrl, String atomPath, List<EntryView> entries, String empty, String updated,
    boolean signInNeeded) {

  /** An event kind the feed carries, and what it means to a subscriber. */
  public record Kind(String name, String meaning) {}

  public record EntryView(String title, String when, String url, String kind) {}

  /** Every kind, in the order a subscriber reads them, with what each means. */
  private static final List<Kind> MEANINGS = List.of(
      new Kind("appeared", "a new image: a new version, or one copied into another region"),
      new Kind("deprecation-scheduled", "a deprecation date set or moved"),
      new Kind("deprecated", "a deprecation that took effect"),
      new Kind("made-public", "an image made public"),
      new Kind("removed", "an image gone from its region (deregistered)"),
      new Kind("changed", "a changed field of an image (tags, description, …), with its old and new value"));

  static FeedPage of(Layout layout, FeedQuery q, List<AtomFeed.Entry> entries, FeedHandler.History history,
      String atomUrl, String atomPath, String updated) {
    boolean family = q.path().endsWith("/family");
    List<Kind> kinds = MEANINGS.stream().filter(k -> q.kinds().contains(k.name())).toList();
    List<EntryView> shown = entries.stream()
        .map(e -> new EntryView(e.title(), when(e.updated()), e.link(), e.category())).toList();
    String subject = family ? "this family" : "the images this search finds";
    return new FeedPage(layout, "Feed: " + q.title(), "It follows " + q.follows() + ".", q.htmlUrl(),
        family ? "The family in the audit" : "The search's results", kinds, atomUrl, atomPath, shown,
        entries.isEmpty() ? empty(layout, history, subject) : null,
        entries.isEmpty() && history.since() == null ? "never" : when(updated), layout.user() != null);
  }

  /**
   * Why the feed is empty, honestly: a catalog with no history at all (loaded once, or the demo)
   * has nothing to tell yet, whatever it follows; one with history has seen nothing happen here.
   */
  static String empty(Layout layout, FeedHandler.History history, String subject) {
    if (layout.demo() && history.anyEvents()) {
      return "No entries: the demo's history (the Fedora CoreOS releases, from their stream files) has none of these events"
          + " for " + subject + ", and the demo does not sync, so none will come. In a catalog that syncs, an entry appears"
          + " when a sync finds one.";
    }
    if (history.anyEvents()) {
      return "No entries: none of these events has happened to " + subject + " since the catalog began keeping history"
          + (history.since() == null ? "" : " on " + Dates.day(history.since())) + ". The next one will be here, and in your reader.";
    }
    if (layout.demo()) {
      return "Empty, because this catalog has no history yet: the demo was loaded once and does not sync, so nothing has"
          + " happened in it since. In a catalog that syncs, an entry appears when a sync finds one of these events for "
          + subject + ".";
    }
    if (history.since() == null) {
      return "Empty, because this catalog has not finished a sync yet, so it has no history. Entries appear after its"
          + " first load, when a later sync finds one of these events for " + subject + ".";
    }
    return "Empty, because this catalog has no history yet: it was loaded on " + Dates.day(history.since())
        + ", and a first load records no events (every image would be new). The first sync that finds one of these events for "
        + subject + " adds an entry.";
  }

  private static String when(String iso) {
    return iso == null ? "" : Dates.day(iso) + (iso.length() >= 16 ? " " + iso.substring(11, 16) + " UTC" : "");
  }
}
