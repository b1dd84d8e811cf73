package amicatalog.detail;

import amicatalog.common.Dates;
import amicatalog.common.Json;
import amicatalog.image.Category;
import amicatalog.image.Deregistration;
import amicatalog.image.ImageRecord;
import amicatalog.image.Platforms;
import amicatalog.image.Publishers;
import amicatalog.web.Layout;
import amicatalog.web.Urls;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The detail page: every attribute in readable form, with its links and commands built here. */
public record DetailPage(
    Layout layout, ImageDetail detail, List<Field> fields, List<Device> devices, Map<String, String> tags,
    List<Product> products, List<ImageDetail.Copy> copies, List<HistoryItem> history, String consoleUrl,
    String cliCommand, String sourceLabel, String sourceUrl, String categoryExplanation, boolean gone,
    boolean deprecated, String deprecation, String deprecationNote, String historyNote, String jsonUrl, Standing standing,
    String inUse, Access access) {

  /**
   * Where the image stands in its family (issue 12): "newest", or "superseded: N newer versions, the
   * newest is X (M days newer)", with links to the newest and to the family page; null without a family.
   */
  public record Standing(boolean newest, String text, String newestName, String newestUrl, String familyUrl) {
    static Standing of(String owner, String region, ImageRecord image, amicatalog.image.FamilyVersions f) {
      amicatalog.image.FamilyVersions.Standing s = f.standing(image.name());
      String familyUrl = Urls.family(owner, f.family());
      if (s == null) return new Standing(false, "No version of its family is held any more.", null, null, familyUrl);
      if (s.isNewest()) return new Standing(true, "Newest of its family.", null, null, familyUrl);
      amicatalog.image.FamilyVersions.Copy newest = s.newest().live().stream().filter(c -> c.region().equals(region)).findFirst()
          .orElse(s.newest().live().get(0));
      String text = "Superseded: " + s.newer() + (s.newer() == 1 ? " newer version" : " newer versions") + ", the newest is";
      String days = s.daysNewer() + (s.daysNewer() == 1 ? " day" : " days") + " newer"
          + (newest.region().equals(region) ? "" : ", in " + newest.region() + ": not in " + region);
      return new Standing(false, text, s.newest().name() + " (" + days + ")", Urls.detail(newest.region(), newest.imageId()), familyUrl);
    }
  }

  /** Where the newest of the image's family is, and its feed: null when the image has no family. */
  public String familyLatestUrl() {
    String family = detail.meta().familyKey();
    if (family == null) return null;
    // A stream is not in the name: /latest's name pattern would mix the streams, the family page does not.
    return amicatalog.image.FamilyRule.streamOf(family) != null ? Urls.family(owner(), family) + "#latest-heading"
        : Urls.latest(owner(), family);
  }

  public String familyFeedUrl() {
    String family = detail.meta().familyKey();
    return family == null ? null : Urls.familyFeedPage(owner(), family);
  }

  private String owner() {
    return detail.image().ownerAlias() != null ? detail.image().ownerAlias() : detail.image().ownerId();
  }

  /** Whether the clean-up actions are offered: this account's own live image, to an operator (issue 12). */
  public boolean ownedActions() {
    return !gone && layout.mayChange() && "private".equals(detail.meta().category());
  }

  public String deregisterUrl() {
    return Urls.detail(detail.region(), detail.image().imageId()) + "/deregister";
  }

  /** The form to take a launch permission back, offered where the image's permissions were read and may be changed. */
  public String sharingUrl() {
    return access.permissionsRead() && !gone && layout.mayChange()
        ? Urls.detail(detail.region(), detail.image().imageId()) + "/sharing" : null;
  }

  public String deprecateUrl() {
    return Urls.detail(detail.region(), detail.image().imageId()) + "/deprecate";
  }

  public String launchUrl() {
    return Urls.detail(detail.region(), detail.image().imageId()) + "/launch";
  }

  /** The copy form, every region without a copy ticked. */
  public String copyUrl() {
    return amicatalog.image.Coverage.copyUrl(detail.region(), detail.image().imageId());
  }

  /** The catalog regions holding no live copy of this image. */
  public List<String> missingRegions() {
    return detail.missingRegions();
  }

  /** "Not in 27 of 30 regions", over the regions the catalog covers (this one included). */
  public String missingHeading() {
    long held = 1 + copies.stream().filter(c -> c.removedAt() == null).map(ImageDetail.Copy::region)
        .filter(r -> !r.equals(detail.region())).distinct().count();
    return "Not in " + detail.missingRegions().size() + " of " + (held + detail.missingRegions().size()) + " regions";
  }

  public String compareUrl() {
    return "/compare?id=" + Urls.enc(detail.region() + "/" + detail.image().imageId());
  }

  public record Field(String label, String value, String hint) {}

  public record Device(String device, String snapshot, String size, String type, String iops, String throughput,
      String encrypted, String deleteOnTermination) {}

  public record Product(String code, String type, String url) {}

  /** One event; {@code note} is what the demo says beside one it derived or replayed (else null). */
  public record HistoryItem(String at, String ago, String kind, String detail, String note) {}

  /**
   * @param access the catalog's accounts (an owner that is one of them is named "label (id)"), which of them see
   *               the image, and who else may launch it
   */
  static DetailPage of(Layout layout, ImageDetail d, amicatalog.image.FamilyVersions family, amicatalog.image.Drift.InUse inUse,
      Access access) {
    ImageRecord i = d.image();
    String region = d.region();
    List<Field> fields = new ArrayList<>();
    add(fields, "Image ID", i.imageId(), null);
    add(fields, "Region", region, null);
    add(fields, "Name", i.name(), null);
    add(fields, "Description", i.description(), null);
    String ownAccount = access.account(i.ownerId());
    add(fields, "Owner", ownAccount != null ? ownAccount : Publishers.label(i.ownerId(), i.ownerAlias()),
        i.ownerAlias() != null ? "account " + i.ownerId() : ownAccount != null ? "one of the catalog's accounts" : null);
    if (!access.seenBy().isEmpty()) add(fields, "Seen by", String.join("; ", access.seenBy()), "the catalog's accounts whose own listings see it");
    add(fields, "Category", d.meta().category(), null);
    add(fields, "State", i.state(), i.stateReasonText());
    Map<String, String> given = i.timesAsGivenMap();
    add(fields, "Created", when(i.creationDate()), givenAs(given, "CreationDate"));
    add(fields, "Deprecation", when(i.deprecationTime()),
        d.deprecationNote() != null ? d.deprecationNote() : givenAs(given, "DeprecationTime"));
    add(fields, "Last launched", when(i.lastLaunchedTime()), givenAs(given, "LastLaunchedTime"));
    add(fields, "Architecture", i.architecture(), null);
    add(fields, "Platform", Platforms.of(i), i.platformDetails());
    add(fields, "Usage operation", i.usageOperation(), "billing code");
    add(fields, "Virtualization", i.virtualizationType(), null);
    add(fields, "Hypervisor", i.hypervisor(), null);
    add(fields, "Root device", i.rootDeviceType(), i.rootDeviceName());
    add(fields, "Boot mode", i.bootMode(), null);
    add(fields, "ENA support", yesNo(i.enaSupport()), null);
    add(fields, "SR-IOV", i.sriovNetSupport(), null);
    add(fields, "IMDS support", i.imdsSupport(), "v2.0 means IMDSv2 is required");
    add(fields, "NitroTPM", i.tpmSupport(), null);
    add(fields, "Public", yesNo(i.isPublic()), null);
    add(fields, "Image type", i.imageType(), null);
    add(fields, "Image location", i.imageLocation(), null);
    add(fields, "Kernel ID", i.kernelId(), null);
    add(fields, "RAM disk ID", i.ramdiskId(), null);
    add(fields, "Source instance", i.sourceInstanceId(), null);
    add(fields, "Deregistration protection", i.deregistrationProtection(), null);
    add(fields, "Free tier eligible", yesNo(i.freeTierEligible()), null);
    add(fields, "Allowed in this account", yesNo(i.imageAllowed()),
        "EC2's Allowed AMIs verdict for the account that synced it, when it last did");
    add(fields, "Public SSM parameter", i.publicSsmParameterName(), null);
    watermarks(fields, i.imageWatermarks());
    if (i.otherFields() != null) {  // fields EC2 added after this catalog's columns: shown as EC2 gave them
      Json.read(i.otherFields()).fields().forEachRemaining(f -> add(fields, f.getKey(), f.getValue().toString(), "as EC2 gives it"));
    }
    add(fields, "First seen by the catalog", when(d.meta().firstSeen()), null);
    add(fields, "Last changed in the catalog", when(d.meta().lastChanged()), null);
    List<Device> devices = new ArrayList<>();
    if (i.blockDeviceMappings() != null) {
      for (JsonNode m : Json.read(i.blockDeviceMappings())) {
        JsonNode ebs = m.path("Ebs");
        devices.add(new Device(m.path("DeviceName").asText(""),
            ebs.path("SnapshotId").asText(m.path("VirtualName").asText(m.has("NoDevice") ? "(no device)" : "")),
            ebs.has("VolumeSize") ? ebs.path("VolumeSize").asText() + " GiB" : "", ebs.path("VolumeType").asText(""),
            ebs.path("Iops").asText(""), ebs.has("Throughput") ? ebs.path("Throughput").asText() + " MiB/s" : "",
            ebs.has("Encrypted") ? yesNo(ebs.path("Encrypted").asBoolean()) : "",
            ebs.has("DeleteOnTermination") ? yesNo(ebs.path("DeleteOnTermination").asBoolean()) : ""));
      }
    }
    List<Product> products = new ArrayList<>();
    if (i.productCodes() != null) {
      for (JsonNode p : Json.read(i.productCodes())) {
        String code = p.path("ProductCodeId").asText();
        String type = p.path("ProductCodeType").asText("");
        products.add(new Product(code, type, "marketplace".equals(type) ? Urls.marketplace(code) : null));
      }
    }
    List<HistoryItem> history = d.history().stream()
        .map(e -> new HistoryItem(Dates.day(e.at()) + " " + time(e.at()), Dates.relative(e.at()), e.kind(), describe(e),
            e.kind().startsWith("deprecat") ? d.note(e) : null))
        .toList();
    // The replayed history's note once above it; a derived deprecation's beside its event too.
    String historyNote = d.historyNote();
    boolean deprecated = i.deprecationTime() != null && i.deprecationTime().compareTo(java.time.Instant.now().toString()) <= 0;
    String deprecation = i.deprecationTime() == null ? null
        : (deprecated ? "Deprecated since " : "Will be deprecated on ") + Dates.day(i.deprecationTime())
            + " (" + Dates.relative(i.deprecationTime()) + ")";
    String sourceLabel = i.sourceImageId() == null ? null
        : i.sourceImageId() + (i.sourceImageRegion() != null ? " in " + i.sourceImageRegion() : "");
    return new DetailPage(layout, d, fields, devices, i.tagMap(), products, d.copies(), history,
        Urls.console(region, i.imageId()),
        "aws ec2 describe-images --region " + region + " --image-ids " + i.imageId(),
        sourceLabel, d.source() == null ? null : d.source().url(),
        explanation(d.meta().category()), d.meta().removedAt() != null, deprecated, deprecation,
        d.deprecationNote() == null ? null : d.deprecationNote() + ": " + d.derived().explanation(), historyNote,
        "/api/images/" + Urls.enc(region) + "/" + Urls.enc(i.imageId()),
        family == null || i.name() == null ? null : Standing.of(owner(i), region, i, family), inUse(inUse),
        access);
  }

  /** "2 instances run this image (1 running)", from the last instances listing; null when there was none. */
  private static String inUse(amicatalog.image.Drift.InUse inUse) {
    if (inUse == null) return null;
    if (inUse.instances() == 0) return "No instance of this account runs this image (as of the last instances listing).";
    return inUse.instances() + (inUse.instances() == 1 ? " instance runs" : " instances run") + " this image ("
        + inUse.running() + " running).";
  }

  private static String owner(ImageRecord i) {
    return i.ownerAlias() != null ? i.ownerAlias() : i.ownerId();
  }

  /** One row per watermark: its key, and the image and time it was made from. */
  private static void watermarks(List<Field> fields, String json) {
    if (json == null) return;
    for (JsonNode w : Json.read(json)) {
      List<String> from = new ArrayList<>();
      if (w.hasNonNull("SourceImageId")) from.add("from " + w.path("SourceImageId").asText()
          + (w.hasNonNull("SourceImageRegion") ? " in " + w.path("SourceImageRegion").asText() : ""));
      if (w.hasNonNull("WatermarkCreationTime")) from.add("made " + Dates.day(w.path("WatermarkCreationTime").asText()));
      add(fields, "Watermark", w.path("WatermarkKey").asText(""), from.isEmpty() ? null : String.join(", ", from));
    }
  }

  private static String givenAs(Map<String, String> given, String field) {
    return given.containsKey(field) ? "given as " + given.get(field) : null;
  }

  /** The state and its reason, for the notice above the attributes; null when EC2 gave no reason. */
  public String stateNotice() {
    String reason = detail.image().stateReasonText();
    return reason == null ? null : "State " + detail.image().state() + ": " + reason;
  }

  private static void add(List<Field> fields, String label, String value, String hint) {
    if (value != null && !value.isBlank()) fields.add(new Field(label, value, hint));
  }

  /**
   * Why the image is gone, in words: deregistered through this catalog (by whom, when, with which
   * snapshots), as its last 'removed' event says; else the sync stopped seeing it.
   */
  public String goneNotice() {
    Deregistration d = detail.history().stream().filter(e -> "removed".equals(e.kind())).findFirst()
        .map(e -> Deregistration.of(e.kind(), e.detail())).orElse(null);
    if (d != null) return "This image is gone. " + d.sentence(goneSince()) + ".";
    return "This image is gone: the sync of " + detail.region() + " stopped seeing it on " + goneSince()
        + (lastSeen() == null ? "" : "; the last sync that saw it was on " + lastSeen())
        + ". It was deregistered, or is no longer shared with this account.";
  }

  /** When the sync stopped seeing a gone image, and when it last saw it, as people read times. */
  public String goneSince() {
    return when(detail.meta().removedAt());
  }

  public String lastSeen() {
    return when(detail.meta().lastSeen());
  }

  private static String when(String iso) {
    return iso == null ? null : Dates.day(iso) + " " + time(iso) + " (" + Dates.relative(iso) + ")";
  }

  private static String time(String iso) {
    return iso.length() >= 16 ? iso.substring(11, 16) + " UTC" : "";
  }

  private static String yesNo(Boolean b) {
    return b == null ? null : b ? "yes" : "no";
  }

  private static String explanation(String category) {
    try {
      return Category.parse(category).explanation();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** "category: private → public; isPublic: false → true" from a changed event's detail; a deregistration in words. */
  private static String describe(ImageDetail.Event e) {
    if (e.detail() == null) return "";
    Deregistration deregistration = Deregistration.of(e.kind(), e.detail());
    if (deregistration != null) return deregistration.sentence(Deregistration.when(e.at())) + ".";
    List<String> parts = new ArrayList<>();
    Json.read(e.detail()).fields().forEachRemaining(f -> parts.add(f.getValue().isArray()
        ? f.getKey() + ": " + text(f.getValue().get(0)) + " → " + text(f.getValue().get(1))
        : f.getKey() + ": " + text(f.getValue())));
    return String.join("; ", parts);
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull()) return "(none)";
    String s = n.isValueNode() ? n.asText() : n.toString();
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
