package amicatalog.feeds;

import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.web.Layouts;
import amicatalog.image.DerivedFields;
import amicatalog.web.Origins;
import amicatalog.web.Urls;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Atom feeds of what happened to images (new, deprecation scheduled, deprecated, made public, removed;
 * changed on request, each naming the fields and their old → new values), for one
 * family or any search: subscribe to "new arm64 ECS-optimized image" in a feed reader.
 * The events of one image name are one entry, with every region they happened in.
 */
public final class FeedHandler {
  /** Events read at most, newest first, before they are grouped into entries. */
  private static final int EVENTS = 2_000;
  private static final int ENTRIES = 50;
  /**
   * The {@code <updated>} of an empty feed in a catalog that never finished a sync: a fixed time,
   * so that fetching it twice gives the same document (the fetch time would say it changed).
   */
  static final String NEVER = "1970-01-01T00:00:00.000Z";

  private final Database db;
  private final Origins origins;
  private final amicatalog.image.FacetValues facetValues;
  private final Layouts layouts;

  /** @param facetValues the values a search's typed words may name, as the search page reads them */
  public FeedHandler(Database db, Origins origins, amicatalog.image.FacetValues facetValues, Layouts layouts) {
    this.db = db;
    this.origins = origins;
    this.facetValues = facetValues;
    this.layouts = layouts;
  }

  record Event(long id, String at, String kind, String detail, String region, String imageId, String name,
      String description, String architecture, String creationDate, String ownerKey, String ownerId) {}

  /**
   * Whether the catalog has any history at all, and since when it keeps it: the end of its first
   * finished sync (a first load writes no events: every image would be "new"), null before one.
   */
  record History(boolean anyEvents, String since) {}

  /** /feeds/family.atom: the Atom document a feed reader fetches. */
  public void family(Context ctx) {
    atom(ctx, FeedQuery.family(ctx));
  }

  public void search(Context ctx) {
    atom(ctx, FeedQuery.search(ctx, facetValues, db.dialect()));
  }

  /** /feeds/exposure.atom: the accounts' images made public or private, shared or unshared, newest first. */
  public void exposure(Context ctx) {
    atom(ctx, FeedQuery.exposure(db.dialect()));
  }

  /** A family that started drifting (an instance on one of its older versions), as the sync recorded it. */
  record Drifting(long id, String owner, String familyKey, String since, String ended, int instances, String summary) {}

  /** /feeds/drift.atom: families that newly drift, newest first (sync.DriftingFamilies records them). */
  public void drift(Context ctx) {
    String base = origins.base(ctx);
    List<Drifting> rows = db.read(h -> h.createQuery("""
            SELECT id, owner, family_key, since, ended, instances, summary FROM drifting_families
            ORDER BY since DESC, id DESC LIMIT :limit""").bind("limit", ENTRIES).mapTo(Drifting.class).list());
    List<AtomFeed.Entry> entries = rows.stream().map(d -> new AtomFeed.Entry(
        AtomFeed.id("drift/" + d.owner() + "/" + d.familyKey() + "/" + d.id()),
        "Drifting: " + d.familyKey() + " of " + d.owner() + " (" + d.instances() + (d.instances() == 1 ? " instance" : " instances")
            + " not on the newest)",
        d.since(), base + Urls.family(d.owner(), d.familyKey()),
        d.summary() + (d.ended() == null ? "" : "\nNo longer drifting since " + d.ended() + "."), "drifting")).toList();
    ctx.contentType("application/atom+xml; charset=utf-8");
    ctx.result(AtomFeed.write("AMI Catalog · Families drifting", AtomFeed.id("/feeds/drift.atom"), updated(entries),
        base + "/feeds/drift.atom", base + "/drift", entries));
  }

  /** /feeds/family: what a browser opens from a "feed" link, a page that says how to subscribe. */
  public void familyPage(Context ctx) {
    page(ctx, FeedQuery.family(ctx));
  }

  public void searchPage(Context ctx) {
    page(ctx, FeedQuery.search(ctx, facetValues, db.dialect()));
  }

  private void atom(Context ctx, FeedQuery query) {
    String base = origins.base(ctx);
    List<AtomFeed.Entry> entries = entries(events(query), base, DerivedFields.of(db).orElse(null));
    String self = base + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    ctx.contentType("application/atom+xml; charset=utf-8");
    ctx.result(AtomFeed.write("AMI Catalog · " + query.title(), AtomFeed.id(ctx.path() + "?" + canonical(ctx)),
        updated(entries), self, base + query.htmlUrl(), entries));
  }

  private void page(Context ctx, FeedQuery query) {
    List<AtomFeed.Entry> entries = entries(events(query), "", DerivedFields.of(db).orElse(null));
    String atomPath = query.path() + ".atom" + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    var layout = layouts.of(ctx, "Feed: " + query.title() + " · AMI Catalog", null);
    ctx.render("feeds/feed.jte", Map.of("page", FeedPage.of(layout, query, entries, history(),
        origins.base(ctx) + atomPath, atomPath, updated(entries))));
  }

  /**
   * The feed's {@code <updated>}: its newest entry's time. An empty feed has not changed since
   * the catalog began keeping history, so it says that time: fixed for the catalog, where the time
   * of the last sync would make every sync look like news to a reader that found none.
   */
  private String updated(List<AtomFeed.Entry> entries) {
    if (!entries.isEmpty()) return entries.get(0).updated();  // the events come newest first
    String since = history().since();
    return since == null ? NEVER : since;
  }

  private History history() {
    return db.read(h -> h.createQuery("""
        SELECT EXISTS (SELECT 1 FROM image_events) AS any_events,
               (SELECT min(finished_at) FROM sync_runs WHERE status IN ('ok', 'partial')) AS since""")
        .mapTo(History.class).one());
  }

  private List<Event> events(FeedQuery query) {
    String sql = """
        SELECT e.id, e.at, e.kind, e.detail, i.region, i.image_id, i.name, i.description, i.architecture, i.creation_date,
               coalesce(i.owner_alias, i.owner_id) AS owner_key, i.owner_id
        FROM images i JOIN image_events e ON e.image_row = i.id
        WHERE e.kind %s AND %s
        ORDER BY e.at DESC, e.id DESC LIMIT :limit""".formatted(db.dialect().inTexts(":kinds"), query.where());
    return db.read(h -> {
      var q = h.createQuery(sql).bind("kinds", Json.write(List.copyOf(query.kinds())))
          .bind("limit", EVENTS);
      query.values().forEach(q::bind);
      return q.mapTo(Event.class).list();
    });
  }

  /**
   * One entry per (kind, owner, name), newest first, listing the regions and images; in the demo,
   * with what it says of the history it replayed and the deprecations it derived ({@code derived}).
   */
  private List<AtomFeed.Entry> entries(List<Event> events, String base, DerivedFields derived) {
    Map<List<String>, List<Event>> groups = new LinkedHashMap<>();
    for (Event e : events) {
      groups.computeIfAbsent(java.util.Arrays.asList(e.kind(), e.ownerKey(), e.name() == null ? e.imageId() : e.name()),
          k -> new ArrayList<>()).add(e);
    }
    List<AtomFeed.Entry> entries = new ArrayList<>();
    for (List<Event> group : groups.values()) {
      if (entries.size() == ENTRIES) break;
      Event newest = group.get(0);
      List<String> regions = group.stream().map(Event::region).distinct().sorted().toList();
      String label = newest.name() == null ? newest.imageId() : newest.name();
      String where = regions.size() == 1 ? regions.get(0) : regions.size() + " regions";
      String title = EventText.title(newest.kind(), where, label, newest.detail());
      StringBuilder text = new StringBuilder(label).append(" (").append(newest.ownerKey());
      if (newest.architecture() != null) text.append(", ").append(newest.architecture());
      if (newest.creationDate() != null) text.append(", created ").append(newest.creationDate(), 0, Math.min(10, newest.creationDate().length()));
      text.append(")\n");
      EventText.lines(newest.kind(), newest.detail(), newest.at()).forEach(l -> text.append(l).append('\n'));
      if (derived != null && derived.replays(newest.ownerId())) {
        text.append(newest.kind().startsWith("deprecat") && derived.derives(newest.ownerId(), "DeprecationTime")
            ? derived.note() + ": " + derived.explanation() : derived.history()).append('\n');
      }
      if (newest.description() != null) text.append(newest.description()).append('\n');
      group.stream().map(e -> e.region() + ": " + e.imageId()).distinct().forEach(s -> text.append(s).append('\n'));
      entries.add(new AtomFeed.Entry(AtomFeed.id("event/" + newest.kind() + "/" + newest.ownerKey() + "/" + label + "/" + newest.id()),
          title, newest.at(), base + Urls.detail(newest.region(), newest.imageId()), text.toString().strip(),
          newest.kind()));
    }
    return entries;
  }

  /** The query string in a fixed order, so the same feed always has the same id. */
  private String canonical(Context ctx) {
    List<String> parts = new ArrayList<>();
    ctx.queryParamMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> e.getValue().stream().sorted().forEach(v -> parts.add(e.getKey() + "=" + v)));
    return String.join("&", parts);
  }
}
