package amicatalog.drift;

import amicatalog.common.Csv;
import amicatalog.db.Database;
import amicatalog.image.Drift;
import amicatalog.web.Layouts;
import amicatalog.web.Urls;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /drift: the instances grouped by the image they run, worst standing first; and its JSON and CSV twins. */
public final class DriftHandler {
  private final Database db;
  private final Layouts layouts;

  public DriftHandler(Database db, Layouts layouts) {
    this.db = db;
    this.layouts = layouts;
  }

  public void page(Context ctx) {
    Drift drift = db.read(Drift::read);
    ctx.render("drift/drift.jte", Map.of("page", DriftPage.of(layouts.of(ctx, "Drift · AMI Catalog", "drift"), drift)));
  }

  public void json(Context ctx) {
    Drift drift = db.read(Drift::read);
    List<Map<String, Object>> images = drift.groups().stream().map(g -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("region", g.region());
      m.put("imageId", g.imageId());
      m.put("name", g.name());
      m.put("owner", g.owner());
      m.put("family", g.familyKey());
      m.put("standing", g.risk().label());
      m.put("drifting", g.risk().drifting());
      m.put("newerVersions", g.newer());
      m.put("daysNewer", g.daysNewer());
      m.put("newest", g.newestName());
      m.put("explanation", g.sentence());
      m.put("url", g.inCatalog() ? Urls.detail(g.region(), g.imageId()) : null);
      m.put("instances", g.instances().stream().map(i -> {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("instanceId", i.instanceId());
        n.put("name", i.name());
        n.put("state", i.state());
        n.put("accountId", i.accountId());
        n.put("launchTime", i.launchTime());
        return n;
      }).toList());
      return m;
    }).toList();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("listedAt", drift.listedAt());
    answer.put("failedRegions", drift.failures());
    answer.put("images", images);
    ctx.json(answer);
  }

  /** One line per instance, with its image's standing, worst first. */
  public void csv(Context ctx) throws IOException {
    Drift drift = db.read(Drift::read);
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"ami-drift.csv\"");
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    out.write("region,instance_id,instance_name,state,account_id,launch_time,image_id,image_name,owner,family,standing,"
        + "newer_versions,days_newer,newest\r\n");
    for (Drift.Group g : drift.groups()) {
      for (Drift.RunningInstance i : g.instances()) {
        out.write(Csv.line(g.region(), i.instanceId(), i.name(), i.state(), i.accountId(), i.launchTime(), g.imageId(), g.name(),
            g.owner(), g.familyKey(), g.risk().label(), String.valueOf(g.newer()), String.valueOf(g.daysNewer()), g.newestName()));
      }
    }
    out.flush();
  }
}
