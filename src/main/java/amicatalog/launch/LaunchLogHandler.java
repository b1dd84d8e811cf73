package amicatalog.launch;

import amicatalog.actions.Changes;
import amicatalog.actions.LaunchLog;
import amicatalog.actions.StartedInstance;
import amicatalog.common.Dates;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.web.Layouts;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The launch log (/launches, JSON at /api/launches) and one entry of it (/launches/{id}): what
 * was asked and what became of it.
 */
public final class LaunchLogHandler {
  private static final int PAGE = 50;

  private final Database db;
  private final Changes changes;
  private final Layouts layouts;

  public LaunchLogHandler(Database db, Changes changes, Layouts layouts) {
    this.db = db;
    this.changes = changes;
    this.layouts = layouts;
  }

  public void list(Context ctx) {
    Long before = id(ctx.queryParam("before"), true);
    List<LaunchLog.Entry> entries = LaunchLog.recent(db, before, PAGE);
    Map<String, String> labels = accountLabels();
    List<LaunchLogPage.Row> rows = entries.stream().map(e -> LoggedRequest.row(e, id -> labels.getOrDefault(id, id))).toList();
    String older = entries.size() == PAGE ? "/launches?before=" + entries.get(PAGE - 1).id() : null;
    ctx.render("launch/log.jte", Map.of("page", new LaunchLogPage(layouts.of(ctx, "Launches · AMI Catalog", "launches"),
        rows, older, changes.offReason())));
  }

  /** The JSON twin of /launches: each entry as stored, its request as an object, newest first. */
  public void json(Context ctx) {
    Long before = id(ctx.queryParam("before"), true);
    List<LaunchLog.Entry> entries = LaunchLog.recent(db, before, PAGE);
    List<Map<String, Object>> launches = entries.stream().map(e -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("id", e.id());
      m.put("url", "/launches/" + e.id());
      m.put("createdAt", e.createdAt());
      m.put("updatedAt", e.updatedAt());
      m.put("who", e.who());
      m.put("region", e.region());
      m.put("imageId", e.imageId());
      m.put("request", Json.read(e.request()));
      m.put("status", e.status());
      m.put("instanceIds", e.instanceIds());
      m.put("error", e.error());
      return m;
    }).toList();
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("launches", launches);
    body.put("older", entries.size() == PAGE ? "/api/launches?before=" + entries.get(PAGE - 1).id() : null);
    ctx.json(body);
  }

  public void result(Context ctx) {
    long id = id(ctx.pathParam("id"), false);
    LaunchLog.Entry entry = LaunchLog.find(db, id)
        .orElseThrow(() -> new NotFoundResponse("The launch log has no entry " + id + "."));
    List<StartedInstance> instances = LoggedRequest.storedInstances(entry);
    String stateNote = null;
    if (!instances.isEmpty() && changes.aws() != null) {
      try {
        String account = LoggedRequest.account(entry);
        amicatalog.aws.AwsAccess aws = account == null ? changes.aws() : changes.aws(account);
        instances = Ec2Launch.describe(aws.ec2(entry.region()), entry.region(), entry.instanceIds());
      } catch (SdkException e) {
        stateNote = "The states below are as recorded at launch: " + AwsErrors.reading(e, entry.region());
      } catch (IllegalArgumentException e) {  // an account the catalog no longer lists
        stateNote = "The states below are as recorded at launch: " + e.getMessage() + ".";
      }
    } else if (!instances.isEmpty()) {
      stateNote = "The states below are as recorded at launch; this catalog has no AWS access to ask for the current ones.";
    }
    LaunchResultPage page = LoggedRequest.resultPage(layouts.of(ctx, "Launch " + id + " · AMI Catalog", "launches"),
        entry, LaunchImage.lookup(db, entry.region(), entry.imageId(), changes::owner).map(LaunchImage::heading).orElse(null),
        instances, stateNote);
    ctx.render("launch/result.jte", Map.of("page", page));
  }

  /** The catalog's accounts as "label (id)", by id; none when they cannot be known (no AWS access). */
  private Map<String, String> accountLabels() {
    Map<String, String> labels = new java.util.HashMap<>();
    try {
      changes.accounts().forEach(a -> labels.put(a.id(), a.display()));
    } catch (SdkException e) {
      // the ids alone, then
    }
    return labels;
  }

  private Long id(String text, boolean optional) {
    if (text == null && optional) return null;
    if (text == null || !text.matches("\\d{1,18}")) {
      throw new BadRequestResponse("“" + (text == null ? "" : text.length() > 30 ? text.substring(0, 30) + "…" : text)
          + "” is not a launch log entry number.");
    }
    return Long.parseLong(text);
  }

  static String day(String iso) {
    return Dates.day(iso) + (iso.length() >= 16 ? " " + iso.substring(11, 16) + " UTC" : "");
  }
}
