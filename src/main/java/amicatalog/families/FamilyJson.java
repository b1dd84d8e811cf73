package amicatalog.families;

import amicatalog.image.FamilyRule;
import amicatalog.image.FamilyVersions;
import amicatalog.web.Urls;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The family page as JSON: every version (newest first) with its copies, and the newest image per region. */
record FamilyJson(String owner, String family, String namePattern, String stream, List<VersionJson> versions,
    Map<String, String> latestByRegion, String url, String csvUrl, String feedUrl) {

  record VersionJson(String name, String created, List<CopyJson> regions) {}

  record CopyJson(String region, String imageId, String created, String state, String deprecationTime, String removedAt,
      String url) {}

  static FamilyJson of(FamilyVersions f) {
    List<VersionJson> versions = f.versions().stream().map(v -> new VersionJson(v.name(), v.created(), v.copies().stream()
        .map(c -> new CopyJson(c.region(), c.imageId(), c.creationDate(), c.state(), c.deprecationTime(), c.removedAt(),
            Urls.detail(c.region(), c.imageId()))).toList())).toList();
    return new FamilyJson(f.owner(), f.family(), FamilyRule.namePattern(f.family()), FamilyRule.streamOf(f.family()), versions,
        latestByRegion(f), Urls.family(f.owner(), f.family()), Urls.familyCsv(f.owner(), f.family()),
        Urls.familyFeed(f.owner(), f.family()));
  }

  /** The newest live image per region: versions come newest first, so the first live copy of a region wins. */
  static Map<String, String> latestByRegion(FamilyVersions f) {
    Map<String, String> latest = new TreeMap<>();
    for (FamilyVersions.Version v : f.versions()) {
      for (FamilyVersions.Copy c : v.live()) latest.putIfAbsent(c.region(), c.imageId());
    }
    return latest;
  }
}
