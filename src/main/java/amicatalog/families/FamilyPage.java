package amicatalog.families;

import amicatalog.common.Dates;
import amicatalog.image.FamilyRule;
import amicatalog.image.FamilyVersions;
import amicatalog.image.Publishers;
import amicatalog.web.Layout;
import amicatalog.web.Urls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The family page: every label and URL decided here, the template only writes them. */
public record FamilyPage(Layout layout, String family, String ownerLabel, String stream, String summary,
    List<LatestRow> latest, List<VersionRow> versions, Timeline timeline, String pageLabel, String prevUrl, String nextUrl,
    String feedUrl, String feedPageUrl, String jsonUrl, String csvUrl, String auditUrl, String latestUrl) {
  static final int PER_PAGE = 40;

  /** A region's newest image of the family, and how far behind the family's newest it is. */
  public record LatestRow(String region, String name, String imageId, String url, String created, String standing,
      String css) {}

  /** A version: its name, when, and the regions that hold it (each with since when). */
  public record VersionRow(String name, String created, String ago, String held, List<Held> regions, boolean newest) {}

  /** A region's copy of a version: a chip with its date; removed or deprecated said in words. */
  public record Held(String region, String since, String url, String css, String note) {}

  static FamilyPage of(Layout layout, FamilyVersions f, int page) {
    List<FamilyVersions.Version> all = f.versions();
    int pages = Math.max(1, (all.size() + PER_PAGE - 1) / PER_PAGE);
    int p = Math.min(page, pages);
    List<FamilyVersions.Version> shown = all.subList((p - 1) * PER_PAGE, Math.min(all.size(), p * PER_PAGE));
    TreeSet<String> regions = new TreeSet<>();
    for (FamilyVersions.Version v : all) v.copies().forEach(c -> regions.add(c.region()));
    Map<String, String> latestByRegion = FamilyJson.latestByRegion(f);
    List<FamilyVersions.Version> live = f.liveVersions();
    String newestName = live.isEmpty() ? null : live.get(0).name();

    List<LatestRow> latest = new ArrayList<>();
    for (String region : regions) {
      String imageId = latestByRegion.get(region);
      if (imageId == null) {
        latest.add(new LatestRow(region, null, null, null, "", "none left: every version here was removed", "behind"));
        continue;
      }
      FamilyVersions.Version v = all.stream().filter(x -> x.copies().stream().anyMatch(c -> c.imageId().equals(imageId)))
          .findFirst().orElseThrow();
      FamilyVersions.Copy c = v.copies().stream().filter(x -> x.imageId().equals(imageId)).findFirst().orElseThrow();
      long behind = live.indexOf(v);
      latest.add(new LatestRow(region, v.name(), imageId, Urls.detail(region, imageId), Dates.day(c.creationDate()),
          behind == 0 ? "newest" : behind + (behind == 1 ? " version behind" : " versions behind"),
          behind == 0 ? "current" : "behind"));
    }

    List<VersionRow> rows = new ArrayList<>();
    for (FamilyVersions.Version v : shown) {
      List<Held> held = v.copies().stream().map(c -> new Held(c.region(), Dates.day(c.creationDate()), Urls.detail(c.region(), c.imageId()),
          !c.live() ? "removed" : c.deprecated() ? "deprecated" : "live",
          !c.live() ? "removed " + Dates.day(c.removedAt()) : c.deprecated() ? "deprecated" : null)).toList();
      long holding = v.live().size();
      rows.add(new VersionRow(v.name(), Dates.day(v.created()), Dates.relative(v.created()),
          holding + " of " + regions.size() + (regions.size() == 1 ? " region" : " regions"), held, v.name().equals(newestName)));
    }

    String summary = all.size() + (all.size() == 1 ? " version" : " versions") + " in " + regions.size()
        + (regions.size() == 1 ? " region" : " regions") + (newestName == null ? "; none is held any more"
            : "; the newest, " + newestName + ", is from " + Dates.day(live.get(0).created()));
    String stream = FamilyRule.streamOf(f.family());
    String base = Urls.family(f.owner(), f.family());
    return new FamilyPage(layout, f.family(), Publishers.facetLabel(f.owner()), stream, summary, latest, rows,
        Timeline.of(shown, List.copyOf(regions), latestByRegion),
        pages > 1 ? "versions " + ((p - 1) * PER_PAGE + 1) + "–" + ((p - 1) * PER_PAGE + shown.size()) + " of " + all.size()
            + ", newest first" : null,
        p > 1 ? base + (p == 2 ? "" : "?page=" + (p - 1)) : null, p < pages ? base + "?page=" + (p + 1) : null,
        Urls.familyFeed(f.owner(), f.family()), Urls.familyFeedPage(f.owner(), f.family()),
        Urls.familyJson(f.owner(), f.family()), Urls.familyCsv(f.owner(), f.family()), Urls.audit(f.owner()),
        stream != null ? null : Urls.latest(f.owner(), f.family()));
  }
}
