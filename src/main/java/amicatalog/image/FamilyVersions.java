package amicatalog.image;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Every version of one family of one owner (an owner key: the alias, else the account id, as the
 * audit shows it), each with the regions holding a copy: what the family page shows and what an
 * image page says about where it stands. A version is an image name; its copies are the images of
 * that name in each region (removed ones too, marked so).
 */
public record FamilyVersions(String owner, String family, List<Version> versions) {

  /** One region's image of a version. */
  public record Copy(String region, String imageId, String name, String creationDate, String removedAt,
      String deprecationTime, String state) {
    public boolean live() {
      return removedAt == null;
    }

    /** Whether its deprecation time has come. */
    public boolean deprecated() {
      String at = amicatalog.common.Dates.utc(deprecationTime);
      return at != null && Instant.parse(at).isBefore(Instant.now());
    }
  }

  /** A version: its name, its newest creation date over the regions, its copies by region (live and removed). */
  public record Version(String name, String created, List<Copy> copies) {
    public List<Copy> live() {
      return copies.stream().filter(Copy::live).toList();
    }
  }

  /** A family's versions, newest first; empty when the owner has no such family. */
  public static FamilyVersions find(Handle h, String owner, String family) {
    // category IN (...) lets SQLite seek the images_family index (category leads it).
    List<Copy> copies = h.createQuery("""
            SELECT region, image_id, name, creation_date, removed_at, deprecation_time, state FROM images
            WHERE category IN (%s) AND coalesce(owner_alias, owner_id) = :owner AND family_key = :family
            ORDER BY name, region""".formatted(Category.SQL_LIST))
        .bind("owner", owner).bind("family", family).mapTo(Copy.class).list();
    Map<String, List<Copy>> byName = new LinkedHashMap<>();
    for (Copy c : copies) byName.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(c);
    List<Version> versions = new ArrayList<>();
    for (Map.Entry<String, List<Copy>> e : byName.entrySet()) {
      String created = e.getValue().stream().map(Copy::creationDate).filter(d -> d != null)
          .max(Comparator.naturalOrder()).orElse(null);
      versions.add(new Version(e.getKey(), created, List.copyOf(e.getValue())));
    }
    versions.sort(Comparator.comparing((Version v) -> v.created() == null ? "" : v.created()).reversed()
        .thenComparing(Version::name, Comparator.reverseOrder()));
    return new FamilyVersions(owner, family, List.copyOf(versions));
  }

  /** The versions that some region still holds, newest first. */
  public List<Version> liveVersions() {
    return versions.stream().filter(v -> !v.live().isEmpty()).toList();
  }

  /**
   * Where the version {@code name} stands: "newest", or "superseded: N newer versions, the newest
   * is X (M days newer)"; null when the family has no live version.
   */
  public Standing standing(String name) {
    List<Version> live = liveVersions();
    if (live.isEmpty()) return null;
    Version newest = live.get(0);
    if (newest.name().equals(name)) return new Standing(0, newest, 0);
    Version mine = versions.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    String since = mine == null ? null : mine.created();
    long newer = live.stream().filter(v -> since == null || (v.created() != null && v.created().compareTo(since) > 0)).count();
    long days = since == null || newest.created() == null ? 0
        : Duration.between(Instant.parse(since), Instant.parse(newest.created())).toDays();
    return new Standing(newer, newest, days);
  }

  /** How many live versions are newer than an image's, the newest one, and how many days newer it is. */
  public record Standing(long newer, Version newest, long daysNewer) {
    public boolean isNewest() {
      return newer == 0;
    }
  }
}
