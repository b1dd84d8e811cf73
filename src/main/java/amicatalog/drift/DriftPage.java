package amicatalog.drift;

import amicatalog.common.Dates;
import amicatalog.image.Drift;
import amicatalog.web.Layout;
import amicatalog.web.Urls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The drift page: every label and URL decided here, the template only writes them. */
public record DriftPage(Layout layout, String summary, String listed, List<String> failures, String empty,
    List<Count> families, List<Count> accounts, List<Count> regions, List<ImageRow> images) {

  /** Instances of one family, account or region: how many, how many drift, and the worst standing among them. */
  public record Count(String label, String url, int instances, int drifting, String worst, String css) {}

  /** An image some instance runs, its standing, and the instances on it. */
  public record ImageRow(String anchor, String region, String imageId, String name, String url, String family, String familyUrl,
      String risk, String css, String sentence, List<InstanceRow> instances) {}

  public record InstanceRow(String instanceId, String name, String state, String account, String launched) {}

  static DriftPage of(Layout layout, Drift drift) {
    int total = drift.groups().stream().mapToInt(g -> g.instances().size()).sum();
    int drifting = drift.groups().stream().filter(g -> g.risk().drifting()).mapToInt(g -> g.instances().size()).sum();
    String summary = total + " instance" + (total == 1 ? "" : "s") + " on " + drift.groups().size() + " image"
        + (drift.groups().size() == 1 ? "" : "s") + "; " + drifting + " on an image that is not its family's newest"
        + " (removed, not in the catalog, deprecated or superseded)";
    String listed = drift.listedAt() == null ? null : "Instances listed " + Dates.relative(drift.listedAt()) + " ("
        + Dates.day(drift.listedAt()) + " " + drift.listedAt().substring(11, 16) + " UTC).";
    List<String> failures = drift.failures().stream().map(f -> f.region() + ": the last instances listing failed ("
        + f.error() + "); what is shown for it comes from an earlier listing, if any.").toList();
    String empty = total > 0 ? null : drift.listedAt() == null
        ? "No instances listed yet. A sync lists each region's instances when its scopes include instances (the default of"
            + " sync and serve; --scopes turns it off). The demo catalog has no account, so no instances."
        : "The last instance listings found no instances (terminated ones are not kept).";
    return new DriftPage(layout, summary, listed, failures, empty,
        counts(drift, g -> g.familyKey() == null ? null : List.of(g.owner(), g.familyKey()),
            k -> k.get(1) + " · " + k.get(0), k -> Urls.family(k.get(0), k.get(1))),
        counts(drift, null, null, null),
        counts(drift, g -> List.of(g.region()), k -> k.get(0), k -> null),
        drift.groups().stream().map(DriftPage::row).toList());
  }

  private static ImageRow row(Drift.Group g) {
    List<InstanceRow> instances = g.instances().stream().map(i -> new InstanceRow(i.instanceId(), i.name() == null ? "" : i.name(),
        i.state(), i.accountId() == null ? "" : i.accountId(), i.launchTime() == null ? "" : Dates.day(i.launchTime()))).toList();
    return new ImageRow("image-" + g.region() + "-" + g.imageId(), g.region(), g.imageId(), g.name() == null ? g.imageId() : g.name(),
        g.inCatalog() ? Urls.detail(g.region(), g.imageId()) : null, g.familyKey(),
        g.familyKey() == null ? null : Urls.family(g.owner(), g.familyKey()), g.risk().label(), css(g.risk()), g.sentence(), instances);
  }

  static String css(Drift.Risk risk) {
    return "risk-" + risk.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Counts by a key of an image (family, region), or by the instances' account when {@code key} is
   * null; the worst standing first, then the most drifting.
   */
  private static List<Count> counts(Drift drift, java.util.function.Function<Drift.Group, List<String>> key,
      java.util.function.Function<List<String>, String> label, java.util.function.Function<List<String>, String> url) {
    Map<List<String>, int[]> n = new LinkedHashMap<>();  // instances, drifting, worst risk ordinal
    for (Drift.Group g : drift.groups()) {
      if (key == null) {
        for (Drift.RunningInstance i : g.instances()) add(n, List.of(i.accountId() == null ? "unknown" : i.accountId()), 1, g.risk());
      } else {
        List<String> k = key.apply(g);
        if (k != null) add(n, k, g.instances().size(), g.risk());
      }
    }
    List<Map.Entry<List<String>, int[]>> sorted = new ArrayList<>(n.entrySet());
    sorted.sort(Comparator.comparingInt((Map.Entry<List<String>, int[]> e) -> e.getValue()[2])
        .thenComparing(e -> -e.getValue()[1]).thenComparing(e -> String.join(" ", e.getKey())));
    List<Count> out = new ArrayList<>();
    for (Map.Entry<List<String>, int[]> e : sorted) {
      int[] c = e.getValue();
      Drift.Risk worst = Drift.Risk.values()[c[2]];
      out.add(new Count(label == null ? e.getKey().get(0) : label.apply(e.getKey()), url == null ? null : url.apply(e.getKey()),
          c[0], c[1], worst.label(), css(worst)));
    }
    return out;
  }

  private static void add(Map<List<String>, int[]> n, List<String> key, int instances, Drift.Risk risk) {
    int[] c = n.computeIfAbsent(key, k -> new int[] {0, 0, Drift.Risk.NEWEST.ordinal()});
    c[0] += instances;
    if (risk.drifting()) c[1] += instances;
    c[2] = Math.min(c[2], risk.ordinal());
  }
}
