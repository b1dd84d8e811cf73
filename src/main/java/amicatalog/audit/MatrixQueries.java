package amicatalog.audit;

import amicatalog.db.Dialect;
import amicatalog.audit.AuditMatrix.Cell;
import amicatalog.audit.AuditMatrix.Status;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.Category;
import amicatalog.image.Coverage;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL behind the matrix. Reading every image of a big owner would cost a table row each (the
 * owner is an expression in the index, so SQLite does not treat it as covering for a GROUP BY);
 * instead every step seeks into the {@code images_family} index (category, owner, family, region,
 * creation date, removed_at), so the cost follows families × regions, not images:
 * <ol>
 *   <li>the families, one seek each (a recursive query that jumps from key to key);</li>
 *   <li>for each family on the page and each region, the newest creation date (one seek);</li>
 *   <li>the image behind each of those dates;</li>
 *   <li>for each name found, its first creation date anywhere (the original; a copy is newer than
 *       its original), which orders the versions, so a fresh copy of an old version is not taken
 *       for the newest one.</li>
 * </ol>
 */
public final class MatrixQueries {
  /** The owner expression of the images_family index, and the search's owner facet value. */
  public static final String OWNER_KEY = "coalesce(owner_alias, owner_id)";
  /** Families listed before the total is given as "at least"; pages beyond it still work. */
  static final int FAMILY_CAP = 2_000;
  private static final List<String> CATEGORIES = Category.LABELS;

  private MatrixQueries() {}

  /** The query's filters, with an account id that has an alias turned into that alias plus the id. */
  record Filter(String ownerKey, String ownerId, List<String> categories, String nameContains, String account) {}

  record FamilyId(String ownerKey, String familyKey) {}

  record Newest(String category, String ownerKey, String familyKey, String region, String newest) {}

  record Held(String ownerKey, String familyKey, String region, String name, String imageId, String state,
      String creationDate) {}

  record FirstSeen(String ownerKey, String name, String first) {}

  public static AuditMatrix build(Database db, AuditQuery query, int perPage) {
    return db.read(h -> {
      Filter filter = filter(h, query);
      long window = (long) query.page() * perPage + 1;
      int cap = (int) Math.min(Integer.MAX_VALUE, Math.max(FAMILY_CAP, window));
      Map<FamilyId, List<String>> families = families(h, filter, cap);
      boolean more = families.size() >= cap;
      Map<FamilyId, List<String>> page = new LinkedHashMap<>();
      families.entrySet().stream().skip((long) (query.page() - 1) * perPage).limit(perPage)
          .forEach(e -> page.put(e.getKey(), e.getValue()));
      List<String> regions = Coverage.regions(h);  // the columns
      List<Newest> cells = newest(h, filter, page, regions);
      Map<List<String>, List<Held>> held = held(h, filter, cells);
      Map<List<String>, String> first = firstCreated(h, held.values().stream().flatMap(List::stream).toList());
      Map<FamilyId, List<Newest>> byFamily = new LinkedHashMap<>();
      page.keySet().forEach(f -> byFamily.put(f, new ArrayList<>()));
      cells.forEach(c -> byFamily.get(new FamilyId(c.ownerKey(), c.familyKey())).add(c));
      List<AuditMatrix.Row> rows = new ArrayList<>();
      byFamily.forEach((f, newest) -> rows.add(row(f, newest, regions, held, first)));
      int pages = Math.max(1, (families.size() + perPage - 1) / perPage);
      return new AuditMatrix(query, regions, rows, families.size(), more, query.page(),
          more ? Math.max(pages, query.page() + 1) : pages);
    });
  }

  static Filter filter(Handle h, AuditQuery q) {
    String ownerKey = q.owner().isEmpty() ? null : q.owner();
    String ownerId = null;
    if (ownerKey != null && ownerKey.matches("\\d{12}") && !isOwnerKey(h, ownerKey)) {
      // Families group by alias when there is one (Amazon publishes from many accounts), so an
      // aliased account is its alias's families narrowed to that account.
      String alias = h.createQuery("SELECT owner_alias FROM images WHERE owner_id = ? AND owner_alias IS NOT NULL LIMIT 1")
          .bind(0, ownerKey).mapTo(String.class).findOne().orElse(null);
      if (alias != null) {
        ownerId = ownerKey;
        ownerKey = alias;
      }
    }
    String nameContains = q.name().isEmpty() ? null : q.name().toLowerCase(java.util.Locale.ROOT);
    return new Filter(ownerKey, ownerId, q.anyCategory() ? CATEGORIES : List.of(q.category()), nameContains,
        q.account().isEmpty() ? null : q.account());
  }

  /** Whether some image has this owner key (an account without alias): one seek. */
  private static boolean isOwnerKey(Handle h, String key) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM images WHERE category IN ('private', 'shared', 'public', "
        + "'marketplace') AND coalesce(owner_alias, owner_id) = ?)").bind(0, key).mapTo(Boolean.class).one();
  }

  /**
   * Conditions every step shares, after the index's leading columns; values bound by {@link #query}.
   * The name filter is Dialect.holds, not LIKE: the text has no wildcards, and no escape character
   * (which Jdbi's parser would also misread inside quotes) is needed.
   */
  private static String narrowing(Dialect d, Filter f) {
    return (f.ownerId() != null ? " AND owner_id = :ownerId" : "")
        + (f.nameContains() != null ? " AND " + d.holds("lower(family_key)", ":nameContains") : "")
        + seenBy(f, "images.id");
  }

  /** The account filter: only images the account sees through its own listings (a seek in image_sightings' key each). */
  private static String seenBy(Filter f, String row) {
    return f.account() == null ? "" : " AND EXISTS (SELECT 1 FROM image_sightings s WHERE s.image_row = " + row + " AND s.account_id = :account)";
  }

  /** A query on {@code sql} with the filter's values bound, those the SQL names. */
  private static Query query(Handle h, String sql, Filter f) {
    Query query = h.createQuery(sql);
    if (sql.contains(":ownerKey")) query.bind("ownerKey", f.ownerKey());
    if (sql.contains(":ownerId")) query.bind("ownerId", f.ownerId());
    if (sql.contains(":nameContains")) query.bind("nameContains", f.nameContains());
    if (sql.contains(":categories")) query.bind("categories", Json.write(f.categories()));
    if (sql.contains(":account")) query.bind("account", f.account());
    return query;
  }

  /**
   * Up to {@code cap} families in (owner, family) order, each with the categories it has images
   * in (usually one), so later seeks go to those categories only.
   */
  private static Map<FamilyId, List<String>> families(Handle h, Filter f, int cap) {
    java.util.TreeMap<FamilyId, List<String>> all = new java.util.TreeMap<>(
        java.util.Comparator.comparing(FamilyId::ownerKey).thenComparing(FamilyId::familyKey));
    for (String category : f.categories()) {
      String sql = f.ownerKey() != null ? """
          WITH RECURSIVE k(owner_key, family_key, n) AS (
            SELECT :ownerKey, (SELECT min(family_key) FROM images WHERE category = :category
                AND coalesce(owner_alias, owner_id) = :ownerKey AND removed_at IS NULL #), 0
            UNION ALL
            SELECT owner_key, (SELECT min(family_key) FROM images WHERE category = :category
                AND coalesce(owner_alias, owner_id) = :ownerKey AND family_key > k.family_key AND removed_at IS NULL #),
              n + 1
            FROM k WHERE family_key IS NOT NULL AND n < :cap)
          SELECT owner_key, family_key FROM k WHERE family_key IS NOT NULL"""
          // Without an owner: walk (owner, family) pairs; a null family means "go to the next owner",
          // and '' means "before this owner's first family".
          : """
          WITH RECURSIVE k(owner_key, family_key, n) AS (
            SELECT (SELECT min(coalesce(owner_alias, owner_id)) FROM images WHERE category = :category
                AND family_key IS NOT NULL AND removed_at IS NULL), @empty, 0
            UNION ALL
            SELECT
              CASE WHEN family_key IS NULL THEN (SELECT min(coalesce(owner_alias, owner_id)) FROM images
                  WHERE category = :category AND coalesce(owner_alias, owner_id) > k.owner_key
                    AND family_key IS NOT NULL AND removed_at IS NULL) ELSE owner_key END,
              CASE WHEN family_key IS NULL THEN '' ELSE (SELECT min(family_key) FROM images
                  WHERE category = :category AND coalesce(owner_alias, owner_id) = k.owner_key
                    AND family_key > k.family_key AND removed_at IS NULL #) END,
              n + CASE WHEN family_key IS NOT NULL AND family_key <> '' THEN 1 ELSE 0 END
            FROM k WHERE owner_key IS NOT NULL AND n < :cap)
          SELECT owner_key, family_key FROM k WHERE family_key IS NOT NULL AND family_key <> ''""";
      Dialect d = Dialect.of(h);
      query(h, sql.replace("#", narrowing(d, f)).replace("@empty", d.bytewise("''")), f).bind("category", category).bind("cap", cap)
          .mapTo(FamilyId.class)
          .forEach(id -> all.computeIfAbsent(id, k -> new ArrayList<>()).add(category));
    }
    Map<FamilyId, List<String>> capped = new LinkedHashMap<>();
    all.entrySet().stream().limit(cap).forEach(e -> capped.put(e.getKey(), e.getValue()));
    return capped;
  }

  /**
   * Per family on the page, category it has images in, and region: the newest creation date among
   * live images; merged to one per (family, region), keeping the category it came from.
   */
  private static List<Newest> newest(Handle h, Filter f, Map<FamilyId, List<String>> families, List<String> regions) {
    if (families.isEmpty()) return List.of();
    List<List<String>> triples = new ArrayList<>();
    families.forEach((id, categories) -> categories.forEach(c -> triples.add(List.of(c, id.ownerKey(), id.familyKey()))));
    String sql = """
        SELECT category, owner_key, family_key, region, newest FROM (
          SELECT fam.value ->> 0 AS category, fam.value ->> 1 AS owner_key, fam.value ->> 2 AS family_key,
            r.value AS region,
            (SELECT max(creation_date) FROM images
              WHERE category = fam.value ->> 0 AND coalesce(owner_alias, owner_id) = fam.value ->> 1
                AND family_key = fam.value ->> 2 AND region = r.value AND removed_at IS NULL #) AS newest
          FROM %s, %s) AS cells
        WHERE newest IS NOT NULL""".formatted(Dialect.of(h).tuples(":families", "fam"), Dialect.of(h).texts(":regions", "r"));
    Map<List<String>, Newest> newest = new LinkedHashMap<>();
    query(h, sql.replace("#", (f.ownerId() != null ? " AND owner_id = :ownerId" : "") + seenBy(f, "images.id")), f)
        .bind("families", Json.write(triples)).bind("regions", Json.write(regions))
        .mapTo(Newest.class)
        .forEach(n -> newest.merge(List.of(n.ownerKey(), n.familyKey(), n.region()), n,
            (a, b) -> a.newest().compareTo(b.newest()) >= 0 ? a : b));
    return List.copyOf(newest.values());
  }

  /** The images behind each cell's newest date (several when versions were published at once). */
  private static Map<List<String>, List<Held>> held(Handle h, Filter f, List<Newest> cells) {
    Map<List<String>, List<Held>> held = new HashMap<>();
    if (cells.isEmpty()) return held;
    List<List<String>> keys = cells.stream()
        .map(c -> List.of(c.category(), c.ownerKey(), c.familyKey(), c.region(), c.newest())).toList();
    // CROSS JOIN keeps json_each outside, so each cell is one seek on the whole index prefix.
    String sql = """
        SELECT c.value ->> 1 AS owner_key, c.value ->> 2 AS family_key, c.value ->> 3 AS region,
               i.name, i.image_id, i.state, i.creation_date
        FROM %s CROSS JOIN images i
        WHERE i.category = c.value ->> 0 AND coalesce(i.owner_alias, i.owner_id) = c.value ->> 1
          AND i.family_key = c.value ->> 2 AND i.region = c.value ->> 3 AND i.creation_date = c.value ->> 4
          AND i.removed_at IS NULL #""".formatted(Dialect.of(h).tuples(":cells", "c"));
    query(h, sql.replace("#", (f.ownerId() != null ? " AND i.owner_id = :ownerId" : "") + seenBy(f, "i.id")), f)
        .bind("cells", Json.write(keys))
        .mapTo(Held.class)
        .forEach(x -> held.computeIfAbsent(List.of(x.ownerKey(), x.familyKey(), x.region()), k -> new ArrayList<>()).add(x));
    return held;
  }

  /** For each (owner, name), the creation date of its first image, tombstones included. */
  private static Map<List<String>, String> firstCreated(Handle h, java.util.Collection<Held> held) {
    Map<List<String>, String> first = new HashMap<>();
    if (held.isEmpty()) return first;
    List<List<String>> names = held.stream().map(x -> List.of(x.ownerKey(), x.name())).distinct().toList();
    h.createQuery("""
            SELECT c.value ->> 0 AS owner_key, c.value ->> 1 AS name, min(i.creation_date) AS first
            FROM %s CROSS JOIN images i
            WHERE i.name = c.value ->> 1 AND coalesce(i.owner_alias, i.owner_id) = c.value ->> 0
            GROUP BY c.key, c.value""".formatted(Dialect.of(h).tuples(":names", "c")))
        .bind("names", Json.write(names)).mapTo(FirstSeen.class)
        .forEach(x -> first.put(List.of(x.ownerKey(), x.name()), x.first()));
    return first;
  }

  private static AuditMatrix.Row row(FamilyId id, List<Newest> family, List<String> regions,
      Map<List<String>, List<Held>> held, Map<List<String>, String> first) {
    String owner = id.ownerKey(), key = id.familyKey();
    Map<String, Held> byRegion = new HashMap<>();
    Held current = null;
    String currentFirst = null;
    for (Newest n : family) {
      Held best = null;  // the region's newest version, when several images share the newest date
      String bestFirst = null;
      for (Held x : held.getOrDefault(List.of(owner, key, n.region()), List.of())) {
        String f = first.getOrDefault(List.of(owner, x.name()), x.creationDate());
        if (best == null || compare(f, x.name(), bestFirst, best.name()) > 0) {
          best = x;
          bestFirst = f;
        }
        if (current == null || compare(f, x.name(), currentFirst, current.name()) > 0
            || (x.name().equals(current.name()) && compare(x.creationDate(), "", current.creationDate(), "") < 0)) {
          current = x;  // the newest version; among its copies, the original (created first)
          currentFirst = f;
        }
      }
      if (best != null) byRegion.put(n.region(), best);  // none: removed between the two reads
    }
    List<Cell> cells = new ArrayList<>(regions.size());
    for (String region : regions) {
      Held x = byRegion.get(region);
      if (x == null) {
        cells.add(new Cell(region, Status.MISSING, null, null, null, null, 0));
      } else if (!"available".equals(x.state()) && !"pending".equals(x.state())) {
        cells.add(new Cell(region, Status.FAILED, x.imageId(), x.name(), x.state(), x.creationDate(), 0));
      } else if (x.name().equals(current.name())) {
        Status status = "pending".equals(x.state()) ? Status.COPYING : Status.CURRENT;
        cells.add(new Cell(region, status, x.imageId(), x.name(), x.state(), x.creationDate(), 0));
      } else {
        long behind = days(first.getOrDefault(List.of(owner, x.name()), x.creationDate()), currentFirst);
        cells.add(new Cell(region, Status.OLDER, x.imageId(), x.name(), x.state(), x.creationDate(), behind));
      }
    }
    return new AuditMatrix.Row(owner, key, current == null ? null : current.name(), currentFirst,
        current == null ? null : current.region(), current == null ? null : current.imageId(), cells);
  }

  /** Orders versions by first creation date, then name; a missing date sorts first. */
  private static int compare(String dateA, String nameA, String dateB, String nameB) {
    int byDate = dateA == null ? (dateB == null ? 0 : -1) : dateB == null ? 1 : dateA.compareTo(dateB);
    return byDate != 0 ? byDate : nameA.compareTo(nameB);
  }

  /** Whole days from {@code older} to {@code newer}; 0 when either is unknown. */
  static long days(String older, String newer) {
    try {
      return Math.max(0, Duration.between(Instant.parse(older), Instant.parse(newer)).toDays());
    } catch (DateTimeParseException | NullPointerException e) {
      return 0;
    }
  }
}
