package amicatalog.latest;

import amicatalog.actions.Changes;
import amicatalog.aws.Ec2Errors;
import amicatalog.common.Dates;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.Category;
import amicatalog.web.Layout;
import amicatalog.web.Layouts;
import amicatalog.web.Urls;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/** /latest and /api/latest: the newest image of an owner matching a name pattern, per region. */
public final class LatestHandler {
  private final Database db;
  private final Changes changes;
  private final Layouts layouts;

  public LatestHandler(Database db, Changes changes, Layouts layouts) {
    this.db = db;
    this.changes = changes;
    this.layouts = layouts;
  }

  /** One region's newest match. */
  public record Latest(String region, String imageId, String name, String architecture, String creationDate,
      String deprecationTime) {}

  /**
   * A family the rows belong to, whose feed the page offers: the name is a pattern, and a feed
   * follows a family (the name with its version as *), so it is the rows' own families that are
   * offered. {@code events}: whether anything has happened to it yet; {@code history}: whether
   * anything has happened in the whole catalog (without which every feed is empty).
   */
  record FamilyFeed(String owner, String family, boolean events, boolean history) {}

  public void page(Context ctx) {
    LatestQuery query = LatestQuery.from(ctx);
    List<Latest> latest = query == null ? List.of() : find(query);
    ctx.render("latest/latest.jte", Map.of("page", LatestPage.of(layouts.of(ctx, "Latest image · AMI Catalog", "latest"),
        query, latest, families(latest))));
  }

  private List<FamilyFeed> families(List<Latest> latest) {
    if (latest.isEmpty()) return List.of();
    String rows = Json.write(latest.stream().map(l -> List.of(l.region(), l.imageId())).toList());
    // The family's events as the feed reads them (the category list lets SQLite seek the images_family index).
    return db.read(h -> h.createQuery("""
        SELECT owner, family,
               EXISTS (SELECT 1 FROM images j JOIN image_events e ON e.image_row = j.id
                       WHERE j.category IN (%s) AND coalesce(j.owner_alias, j.owner_id) = f.owner AND j.family_key = f.family) AS events,
               EXISTS (SELECT 1 FROM image_events) AS history
        FROM (SELECT DISTINCT coalesce(i.owner_alias, i.owner_id) AS owner, i.family_key AS family
              FROM %s JOIN images i
                ON i.region = r.value ->> 0 AND i.image_id = r.value ->> 1
              WHERE i.family_key IS NOT NULL) f
        ORDER BY family""".formatted(Category.SQL_LIST, db.dialect().tuples(":rows", "r"))).bind("rows", rows).mapTo(FamilyFeed.class).list());
  }

  public void json(Context ctx) {
    LatestQuery query = LatestQuery.from(ctx);
    if (query == null) throw new BadRequestResponse(LatestQuery.OWNER_REQUIRED);
    // A script that forgot the name would get the owner's newest image of any line: never what it meant.
    if (ctx.queryParam("name") == null || ctx.queryParam("name").isBlank()) throw new BadRequestResponse(LatestQuery.NAME_REQUIRED);
    List<Latest> latest = find(query);
    Map<String, String> ids = new LinkedHashMap<>();
    latest.forEach(l -> ids.put(l.region(), l.imageId()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("owner", query.owner());
    body.put("name", query.name());
    body.put("architecture", query.arch());
    body.put("includeDeprecated", query.includeDeprecated());
    body.put("imageIds", ids);
    body.put("images", latest);
    ctx.json(body);
  }

  List<Latest> find(LatestQuery q) {
    String owner = q.owner();
    if (owner.equals("self")) owner = selfAccount();
    // Each region's newest by a window, not SQLite's bare columns beside max(), which no other SQL has;
    // of two published at the same second, the higher image id (the later registered).
    StringBuilder sql = new StringBuilder("""
        SELECT region, image_id, name, architecture, creation_date, deprecation_time FROM (
          SELECT region, image_id, name, architecture, creation_date, deprecation_time,
                 row_number() OVER (PARTITION BY region ORDER BY creation_date DESC, image_id DESC) AS place
          FROM images WHERE removed_at IS NULL AND state = 'available'""").append(" AND ").append(db.dialect().matches("name", ":pattern"));
    sql.append(owner.matches("\\d{12}") ? " AND owner_id = :owner" : " AND owner_alias = :owner");
    if (q.arch() != null) sql.append(" AND architecture = :arch");
    if (!q.regions().isEmpty()) sql.append(" AND region ").append(db.dialect().inTexts(":regions"));
    if (!q.includeDeprecated()) sql.append(" AND (deprecation_time IS NULL OR deprecation_time > :now)");
    sql.append(") AS candidates WHERE place = 1 ORDER BY region");
    String ownerValue = owner;
    return db.read(h -> {
      var query = h.createQuery(sql.toString()).bind("pattern", db.dialect().pattern(q.glob())).bind("owner", ownerValue);
      if (q.arch() != null) query.bind("arch", q.arch());
      if (!q.regions().isEmpty()) query.bind("regions", Json.write(q.regions()));
      if (!q.includeDeprecated()) query.bind("now", Instant.now().toString());
      return query.mapTo(Latest.class).list();
    });
  }

  private String selfAccount() {
    if (changes.aws() == null) throw new BadRequestResponse("owner=self means this catalog's AWS account, and this catalog has none; give an account id or alias.");
    try {
      return changes.aws().accountId();
    } catch (SdkException e) {
      throw new BadRequestResponse("owner=self: the account could not be asked for its id (" + Ec2Errors.describe(e, "STS", "tell the account id") + ").");
    }
  }

  /** The page: the form, one row per region, and the same question for the CLI and the API. */
  /**
   * The page. {@code feedUrl} is the Atom of the rows' (first) family, announced in the head for
   * feed readers; {@code feeds} the pages of the rows' families' feeds, for people, each saying
   * when it is empty and why.
   */
  public record LatestPage(Layout layout, String owner, String name, String arch, List<String> archs,
      boolean includeDeprecated, String explanation, List<Row> rows, String jsonUrl, String feedUrl, List<Feed> feeds,
      String cli, String empty) {

    public record Row(String region, String imageId, String url, String name, String created, String ago,
        String architecture, String deprecation) {}

    /** A family's feed page, labelled with the family, and why it is empty if it is (null when it is not). */
    public record Feed(String family, String url, String emptyBecause) {}

    static LatestPage of(Layout layout, LatestQuery q, List<Latest> latest, List<FamilyFeed> families) {
      List<String> archs = List.of("", "x86_64", "arm64", "i386", "x86_64_mac", "arm64_mac");
      if (q == null) {
        return new LatestPage(layout, "", "", "", archs, false, LatestQuery.OWNER_REQUIRED, List.of(), null, null, List.of(),
            null, null);
      }
      List<Feed> feeds = families.stream().map(f -> new Feed(f.family(), Urls.familyFeedPage(f.owner(), f.family()),
          f.events() ? null : !f.history()
              ? (layout.demo() ? "empty: this demo catalog was loaded once and has no history yet"
                  : "empty for now: the catalog has no history yet, a first load records none")
              : "empty so far: nothing has happened to this family since the catalog began keeping history")).toList();
      List<Row> rows = latest.stream().map(l -> new Row(l.region(), l.imageId(), Urls.detail(l.region(), l.imageId()),
          l.name(), Dates.day(l.creationDate()), Dates.relative(l.creationDate()), l.architecture(),
          l.deprecationTime() == null ? "" : "deprecated " + Dates.day(l.deprecationTime()))).toList();
      String empty = rows.isEmpty() ? "No available image of " + q.owner() + " is named like " + q.name()
          + (q.arch() == null ? "" : " for " + q.arch()) + (q.includeDeprecated() ? "" : " (deprecated ones left out)") + "." : null;
      return new LatestPage(layout, q.owner(), q.name(), q.arch() == null ? "" : q.arch(), archs, q.includeDeprecated(),
          null, rows, q.url("/api/latest"),
          families.isEmpty() ? null : Urls.familyFeed(families.get(0).owner(), families.get(0).family()), feeds,
          q.cli(q.regions().isEmpty() ? "us-east-1" : q.regions().get(0)), empty);
    }
  }
}
