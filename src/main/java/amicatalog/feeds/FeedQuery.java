package amicatalog.feeds;

import amicatalog.db.Dialect;
import amicatalog.common.Text;
import amicatalog.image.Category;
import amicatalog.image.SearchQuery;
import amicatalog.image.TextSearch;
import amicatalog.web.Urls;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which images a feed follows, as SQL conditions on {@code images i} with their bound values:
 * one family of one owner, or any search as the search page's URL states it (text and facets).
 * Tombstoned images count too: their "removed" event is news. {@code title} names what is
 * followed ("Image family … (amazon)"), {@code follows} says it in a sentence for the feed's page,
 * {@code htmlUrl} is the page that shows those images, {@code path} the feed's page ({@code
 * path + ".atom"} the feed itself).
 */
record FeedQuery(String title, String follows, String where, Map<String, Object> values, Set<String> kinds, String htmlUrl,
    String path) {
  static final Set<String> KINDS = Set.of("appeared", "changed", "deprecation-scheduled", "deprecated", "made-public", "removed");
  private static final Set<String> DEFAULT_KINDS = Set.of("appeared", "deprecation-scheduled", "deprecated", "made-public", "removed");
  private static final Pattern OWNER = Pattern.compile("\\d{12}|[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  static FeedQuery family(Context ctx) {
    String owner = ctx.queryParam("owner");
    String family = ctx.queryParam("family");
    if (owner == null || owner.isBlank() || family == null || family.isBlank()) {
      throw new BadRequestResponse("A family feed needs owner (an alias such as amazon, or an account id) and family"
          + " (a family as the audit shows it, such as amzn2-ami-ecs-hvm-*-arm64-ebs).");
    }
    owner = owner.strip();
    family = family.strip();
    if (!OWNER.matcher(owner).matches()) throw new BadRequestResponse("'" + Text.cut(owner) + "' is not an owner.");
    if (family.length() > 128) throw new BadRequestResponse("The family is longer than 128 characters.");
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("owner", owner);
    values.put("family", family);
    // The category list lets SQLite seek the images_family index (category leads it).
    return new FeedQuery("Image family " + family + " (" + owner + ")",
        "the images of " + owner + "'s family " + family + " (its name with the version written as *), in every region"
            + " the catalog covers",
        "i.category IN (" + Category.SQL_LIST + ") AND coalesce(i.owner_alias, i.owner_id) = :owner"
            + " AND i.family_key = :family", values, kinds(ctx),
        "/audit?owner=" + Urls.enc(owner) + "&name=" + Urls.enc(family), "/feeds/family");
  }

  /** The exposure feed: who may launch the images the catalog's accounts own, as it changed. */
  static FeedQuery exposure(Dialect d) {
    return new FeedQuery("Exposure of the accounts' images", "the images the catalog's accounts own becoming public or private,"
        + " and shared with or unshared from an account, organization or unit",
        "i.owner_id IN (SELECT id FROM accounts) AND (e.kind = 'made-public' OR " + d.jsonField("e.detail", "isPublic")
            + " IS NOT NULL OR " + d.jsonField("e.detail", amicatalog.image.LaunchGrantee.HISTORY_FIELD) + " IS NOT NULL)",
        Map.of(), Set.of("made-public", "changed"), "/exposure", "/feeds/exposure");
  }

  /** The search page's parameters: q and every facet (values of one facet ORed, facets ANDed). */
  static FeedQuery search(Context ctx, amicatalog.image.FacetValues facetValues, Dialect d) {
    SearchQuery query = SearchQuery.from(ctx).withTypedFilters(facetValues);  // the search page's own reading of its URL
    List<String> conditions = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> said = new ArrayList<>();
    if (!query.q().isEmpty()) {
      said.add("“" + query.q() + "”");
      text(query.q(), conditions, values, d);
    }
    query.filters().forEach((f, chosen) -> {
      String name = f.param() + "_values";
      values.put(name, amicatalog.common.Json.write(List.copyOf(chosen)));
      // The search's own expressions: their columns are the images table's (image_events has none of them).
      conditions.add(f.condition(d, "i.id", name));
      said.add(f.label().toLowerCase(java.util.Locale.ROOT) + " " + String.join(" or ", chosen));
    });
    String where = conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
    String what = said.isEmpty() ? "every image" : String.join(", ", said);
    return new FeedQuery("Images: " + what, said.isEmpty() ? "every image in the catalog"
        : "the images the search " + what + " finds, removed ones too", where, values, kinds(ctx),
        query.withPage(1).withNewest(false).url("/"), "/feeds/search");  // a feed follows every version
  }

  /** The search box's meaning, as the search page has it (image.TextSearch), as SQL. */
  private static void text(String q, List<String> conditions, Map<String, Object> values, Dialect d) {
    TextSearch text = TextSearch.of(q);
    if (text == null) return;
    if (text.kind() == TextSearch.Kind.WORDS) {
      conditions.add(text.condition(d, "i.id", "text", values));
      return;
    }
    conditions.add(switch (text.kind()) {
      case IMAGE_ID -> "i.image_id = :text";
      case OWNER_ID -> "i.owner_id = :text";
      default -> "i.block_device_mappings LIKE '%\"' || :text || '\"%'";
    });
    values.put("text", text.value());
  }

  private static Set<String> kinds(Context ctx) {
    Set<String> kinds = new LinkedHashSet<>();
    for (String k : ctx.queryParams("kind")) {
      if (k.isBlank()) continue;
      if (!KINDS.contains(k.strip())) throw new BadRequestResponse("Unknown event kind '" + Text.cut(k) + "': use appeared, changed, deprecation-scheduled, deprecated, made-public or removed.");
      kinds.add(k.strip());
    }
    return kinds.isEmpty() ? DEFAULT_KINDS : kinds;
  }
}
