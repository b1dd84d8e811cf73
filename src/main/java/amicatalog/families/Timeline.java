package amicatalog.families;

import amicatalog.common.Dates;
import amicatalog.image.FamilyVersions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The family's picture: versions (columns, oldest on the left) × regions (rows), one square per
 * copy, drawn as server-side SVG. Every coordinate is worked out here; the template only writes
 * the elements. A gap (a region without a version) is an empty cell, so it shows at a glance.
 */
public record Timeline(int width, int height, String title, String description, List<Cell> cells, List<Label> rowLabels,
    List<Label> columnLabels) {
  static final int CELL = 14;
  static final int GAP = 3;
  static final int LEFT = 118;
  static final int TOP = 78;

  /** A square: its place, its class (live, deprecated, removed, none; latest rings the region's newest), its tooltip. */
  public record Cell(int x, int y, int size, String css, String tip) {}

  /** A text: its anchor point and, for the column labels, the rotation about it. */
  public record Label(int x, int y, String text, String transform) {}

  static Timeline of(List<FamilyVersions.Version> newestFirst, List<String> regions, Map<String, String> latestByRegion) {
    List<FamilyVersions.Version> versions = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(versions);
    int step = CELL + GAP;
    List<Cell> cells = new ArrayList<>();
    List<Label> rows = new ArrayList<>();
    List<Label> columns = new ArrayList<>();
    for (int r = 0; r < regions.size(); r++) {
      rows.add(new Label(LEFT - 8, TOP + r * step + CELL - 3, regions.get(r), null));
    }
    for (int v = 0; v < versions.size(); v++) {
      FamilyVersions.Version version = versions.get(v);
      int x = LEFT + v * step;
      int labelX = x + CELL / 2 + 3;
      columns.add(new Label(labelX, TOP - 6, Dates.day(version.created()), "rotate(-60 " + labelX + " " + (TOP - 6) + ")"));
      Map<String, FamilyVersions.Copy> byRegion = new HashMap<>();
      for (FamilyVersions.Copy c : version.copies()) byRegion.merge(c.region(), c, (a, b) -> a.live() ? a : b);
      for (int r = 0; r < regions.size(); r++) {
        String region = regions.get(r);
        FamilyVersions.Copy c = byRegion.get(region);
        int y = TOP + r * step;
        if (c == null) {
          cells.add(new Cell(x, y, CELL, "tl-none", region + ": no copy of " + version.name()));
          continue;
        }
        String state = !c.live() ? "removed" : c.deprecated() ? "deprecated" : "live";
        boolean latest = c.imageId().equals(latestByRegion.get(region));
        cells.add(new Cell(x, y, CELL, "tl-" + state + (latest ? " tl-latest" : ""),
            region + ": " + version.name() + " (" + c.imageId() + "), created " + Dates.day(c.creationDate())
                + (state.equals("live") ? "" : ", " + state) + (latest ? ", the newest here" : "")));
      }
    }
    // Room on the right for the last column's slanted date.
    int width = LEFT + Math.max(1, versions.size()) * step + 48;
    int height = TOP + Math.max(1, regions.size()) * step + 4;
    String title = "Timeline of " + versions.size() + (versions.size() == 1 ? " version" : " versions") + " × "
        + regions.size() + (regions.size() == 1 ? " region" : " regions");
    String description = "Each column is a version, oldest on the left; each row a region. A filled square: the region holds"
        + " that version; pale: deprecated; outlined: removed; empty: never there. A ring marks each region's newest.";
    return new Timeline(width, height, title, description, cells, rows, columns);
  }
}
