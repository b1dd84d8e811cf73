package amicatalog.image;

import amicatalog.common.Dates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What runs on old images: the instances the sync listed, grouped by the image they run, each
 * image with where it stands (removed, not in the catalog, deprecated, superseded, newest), worst
 * first. The drift page shows it; the sync records from it which families newly drift (the feed).
 */
public record Drift(List<Group> groups, String listedAt, List<FailedListing> failures) {

  /** One instance, as the instances scope keeps it. */
  public record RunningInstance(String region, String instanceId, String accountId, String imageId, String state,
      String launchTime, String name) {}

  /** A region whose last instances listing failed: its rows are those of an earlier listing, or none. */
  public record FailedListing(String region, String error, String at) {}

  /** How far behind an image is, the worst first. */
  public enum Risk {
    REMOVED("removed"),
    UNLISTED("not in the catalog"),
    DEPRECATED("deprecated"),
    SUPERSEDED("superseded"),
    NEWEST("newest");

    private final String label;

    Risk(String label) { this.label = label; }

    public String label() { return label; }

    /** Whether an instance on such an image is drifting (anything but the newest). */
    public boolean drifting() { return this != NEWEST; }
  }

  /**
   * The instances on one image and the image's standing: {@code sentence} says it for a person;
   * {@code newer}/{@code daysNewer} how far its family has moved on (0 when it has no family).
   */
  public record Group(String region, String imageId, String name, String owner, String familyKey, Risk risk,
      String sentence, long newer, long daysNewer, String newestName, List<RunningInstance> instances) {
    public boolean inCatalog() {
      return risk != Risk.UNLISTED;
    }
  }

  private record Row(String region, String instanceId, String accountId, String imageId, String state, String launchTime,
      String name, boolean known, String imageName, String owner, String familyKey, String removedAt, String deprecationTime) {}

  /** Every instance, grouped and judged. */
  public static Drift read(Handle h) {
    List<Row> rows = h.createQuery("""
            SELECT i.region, i.instance_id, i.account_id, i.image_id, i.state, i.launch_time, i.name,
                   m.id IS NOT NULL AS known, m.name AS image_name, coalesce(m.owner_alias, m.owner_id) AS owner, m.family_key,
                   m.removed_at, m.deprecation_time
            FROM instances i LEFT JOIN images m ON m.region = i.region AND m.image_id = i.image_id
            ORDER BY i.region, i.image_id, i.launch_time, i.instance_id""")
        .mapTo(Row.class).list();
    Map<List<String>, List<Row>> byImage = new LinkedHashMap<>();
    for (Row r : rows) byImage.computeIfAbsent(List.of(r.region(), r.imageId()), k -> new ArrayList<>()).add(r);
    Map<List<String>, FamilyVersions> families = new HashMap<>();
    List<Group> groups = new ArrayList<>();
    for (List<Row> image : byImage.values()) {
      Row first = image.get(0);
      FamilyVersions family = first.familyKey() == null ? null
          : families.computeIfAbsent(List.of(first.owner(), first.familyKey()), k -> FamilyVersions.find(h, k.get(0), k.get(1)));
      groups.add(group(first, family, image.stream().map(r -> new RunningInstance(r.region(), r.instanceId(), r.accountId(),
          r.imageId(), r.state(), r.launchTime(), r.name())).toList()));
    }
    groups.sort(Comparator.comparing(Group::risk).thenComparing(Comparator.comparingLong(Group::daysNewer).reversed())
        .thenComparing(Comparator.comparingInt((Group g) -> g.instances().size()).reversed())
        .thenComparing(Group::region).thenComparing(Group::imageId));
    return new Drift(List.copyOf(groups), listedAt(h), failures(h));
  }

  private static Group group(Row image, FamilyVersions family, List<RunningInstance> instances) {
    if (!image.known()) {
      return new Group(image.region(), image.imageId(), null, null, null, Risk.UNLISTED,
          "Not in the catalog: no listing saw this image (another account's private image not shared with this one, or one"
              + " removed before the catalog's first sync).", 0, 0, null, instances);
    }
    FamilyVersions.Standing standing = family == null || image.imageName() == null ? null : family.standing(image.imageName());
    long newer = standing == null ? 0 : standing.newer();
    long days = standing == null ? 0 : standing.daysNewer();
    String newest = standing == null || standing.isNewest() ? null : standing.newest().name();
    String behind = newest == null ? "" : "the family's newest is " + newest + " (" + versions(newer) + " newer, made "
        + (days == 0 ? "the same day" : days + " day" + (days == 1 ? "" : "s") + " later") + ").";
    Risk risk;
    String sentence;
    if (image.removedAt() != null) {
      risk = Risk.REMOVED;
      sentence = "Removed on " + Dates.day(image.removedAt()) + ": EC2 no longer lists the image; what runs on it cannot be"
          + " launched again." + (behind.isEmpty() ? "" : " And " + behind);
    } else if (deprecated(image.deprecationTime())) {
      risk = Risk.DEPRECATED;
      sentence = "Deprecated since " + Dates.day(image.deprecationTime()) + (behind.isEmpty() ? "." : "; " + behind);
    } else if (newer > 0) {
      risk = Risk.SUPERSEDED;
      sentence = "Superseded: " + behind;
    } else {
      risk = Risk.NEWEST;
      sentence = family == null ? "In no family: nothing newer to compare with." : "The newest of its family.";
    }
    return new Group(image.region(), image.imageId(), image.imageName(), image.owner(), image.familyKey(), risk, sentence,
        newer, days, newest, instances);
  }

  private static String versions(long n) {
    return n + " version" + (n == 1 ? "" : "s");
  }

  private static boolean deprecated(String deprecationTime) {
    String at = Dates.utc(deprecationTime);
    return at != null && at.compareTo(java.time.Instant.now().toString()) < 0;
  }

  /** When the instances were last listed completely (in any region), or null when never. */
  private static String listedAt(Handle h) {
    return h.createQuery("SELECT max(finished_at) FROM sync_listings WHERE scope = 'instances' AND status = 'ok'")
        .mapTo(String.class).findOne().orElse(null);
  }

  private static List<FailedListing> failures(Handle h) {
    return h.createQuery("""
            SELECT l.region, l.error, l.finished_at AS at FROM sync_listings l
            WHERE l.scope = 'instances' AND l.status = 'failed' AND l.id = (
              SELECT max(id) FROM sync_listings WHERE scope = 'instances' AND region = l.region AND finished_at IS NOT NULL)
            ORDER BY l.region""")
        .mapTo(FailedListing.class).list();
  }

  /** The instances running an image, and how many of them are in the running state. */
  public record InUse(int instances, int running) {}

  /** Null when the region's instances were never listed (the instances scope off, or the demo): nothing to say. */
  public static InUse inUse(Handle h, String region, String imageId) {
    boolean listed = h.createQuery("SELECT EXISTS (SELECT 1 FROM sync_listings WHERE scope = 'instances' AND status = 'ok'"
        + " AND region = ?)").bind(0, region).mapTo(Boolean.class).one();
    if (!listed) return null;
    return h.createQuery("SELECT count(*) AS instances, count(*) FILTER (WHERE state = 'running') AS running FROM instances"
            + " WHERE image_id = ? AND region = ?")
        .bind(0, imageId).bind(1, region).map((r, c) -> new InUse(r.getInt(1), r.getInt(2))).one();
  }

  /**
   * The instances each image runs, from the last instances listing of its region: {@link #of} answers
   * null for an image of a region whose instances were never listed (the scope off, or the demo).
   */
  public record Usage(java.util.Set<String> listedRegions, Map<List<String>, List<RunningInstance>> byImage) {
    public List<RunningInstance> of(String region, String imageId) {
      if (!listedRegions.contains(region)) return null;
      return byImage.getOrDefault(List.of(region, imageId), List.of());
    }
  }

  /** Every listed instance by its image, and the regions listed at least once (as {@link #inUse} reads them). */
  public static Usage usage(Handle h) {
    java.util.Set<String> listed = new java.util.HashSet<>(h.createQuery(
        "SELECT DISTINCT region FROM sync_listings WHERE scope = 'instances' AND status = 'ok'").mapTo(String.class).list());
    Map<List<String>, List<RunningInstance>> byImage = new HashMap<>();
    h.createQuery("SELECT region, instance_id, account_id, image_id, state, launch_time, name FROM instances"
            + " ORDER BY region, image_id, instance_id")
        .mapTo(RunningInstance.class)
        .forEach(i -> byImage.computeIfAbsent(List.of(i.region(), i.imageId()), k -> new ArrayList<>()).add(i));
    return new Usage(java.util.Set.copyOf(listed), byImage);
  }

  /** Drifting instances by family (owner, family key): the feed of newly drifting families reads these. */
  public Map<List<String>, List<Group>> driftingFamilies() {
    Map<List<String>, List<Group>> out = new LinkedHashMap<>();
    for (Group g : groups) {
      if (g.familyKey() != null && g.risk().drifting()) out.computeIfAbsent(List.of(g.owner(), g.familyKey()), k -> new ArrayList<>()).add(g);
    }
    return out;
  }
}
