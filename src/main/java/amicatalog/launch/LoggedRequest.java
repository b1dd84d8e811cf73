package amicatalog.launch;

import amicatalog.actions.LaunchLog;
import amicatalog.actions.StartedInstance;
import amicatalog.common.Dates;
import amicatalog.common.Json;
import amicatalog.web.Layout;
import amicatalog.web.Urls;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A launch log entry read back: its request in words, its instances, and the pages that show it. */
final class LoggedRequest {
  private LoggedRequest() {}

  static LaunchLogPage.Row row(LaunchLog.Entry e, java.util.function.UnaryOperator<String> accountLabel) {
    String account = account(e);
    return new LaunchLogPage.Row(e.id(), "/launches/" + e.id(), LaunchLogHandler.day(e.createdAt()),
        Dates.relative(e.createdAt()), e.who(), e.region(), e.imageId(), Urls.detail(e.region(), e.imageId()),
        summary(e), e.status(), LaunchResultPage.label(e.status()), e.instanceIds(), e.error(),
        account == null ? null : accountLabel.apply(account));
  }

  /** The account the request acted in (its request's "account"), or null: the demo, or a launch from before accounts. */
  static String account(LaunchLog.Entry e) {
    JsonNode a = Json.read(e.request()).get("account");
    return a == null || a.isNull() || a.asText().isEmpty() ? null : a.asText();
  }

  /** "2 × t3.micro in subnet-… (us-east-1b), named “web”". */
  static String summary(LaunchLog.Entry e) {
    JsonNode r = Json.read(e.request());
    String count = r.path("count").asText("");
    String type = r.path("instanceType").asText("");
    String subnet = r.path("subnetId").asText("");
    String zone = r.path("availabilityZone").asText("");
    String name = r.path("name").asText("");
    return (count.isEmpty() ? "?" : count) + " × " + (type.isEmpty() ? "(no type)" : type)
        + (subnet.isEmpty() ? "" : " in " + subnet + (zone.isEmpty() ? "" : " (" + zone + ")"))
        + (name.isEmpty() ? "" : ", named “" + name + "”");
  }

  static List<StartedInstance> storedInstances(LaunchLog.Entry e) {
    List<StartedInstance> instances = new ArrayList<>();
    if (e.result() == null) return instances;
    for (JsonNode i : Json.read(e.result()).path("instances")) {
      String id = i.path("instanceId").asText();
      instances.add(new StartedInstance(id, i.path("state").asText(""), i.path("instanceType").asText(""),
          i.path("zone").asText(""), null, null, StartedInstance.consoleUrl(e.region(), id)));
    }
    return instances;
  }

  static LaunchResultPage resultPage(Layout layout, LaunchLog.Entry e, ImageHeading image, List<StartedInstance> instances,
      String stateNote) {
    boolean checked = !LaunchLog.REFUSED.equals(e.status());
    // A refused request was never a valid launch: show what was typed, and no command to repeat it.
    LaunchRequest request = checked ? LaunchRequest.fromLog(e.region(), e.imageId(), e.request()) : null;
    List<Fact> facts = checked ? request.facts() : typed(e);
    ImageHeading heading = image != null ? image
        : new ImageHeading(e.imageId(), e.imageId(), e.region(), "", Urls.detail(e.region(), e.imageId()), "not in the catalog", false);
    return new LaunchResultPage(layout, e.id(), e.status(), LaunchResultPage.label(e.status()),
        LaunchLogHandler.day(e.createdAt()) + " (" + Dates.relative(e.createdAt()) + ")", e.who(), heading, facts,
        instances, stateNote, e.error(), checked ? request.cliCommand() : null, checked ? request.terraform() : null,
        "/launches", heading.detailUrl() + "/launch");
  }

  private static List<Fact> typed(LaunchLog.Entry e) {
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Image", e.imageId() + " in " + e.region()));
    Json.read(e.request()).fields().forEachRemaining(f -> facts.add(new Fact(f.getKey(),
        f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString())));
    return facts;
  }
}
