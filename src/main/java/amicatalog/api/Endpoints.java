package amicatalog.api;

import static amicatalog.web.Role.ANYONE;
import static amicatalog.web.Role.VIEWER;

import amicatalog.api.Endpoint.Example;
import amicatalog.api.Endpoint.Format;
import amicatalog.api.Endpoint.Param;
import amicatalog.aws.AwsNames;
import amicatalog.image.Category;
import amicatalog.image.Facet;
import amicatalog.image.SearchQuery;
import amicatalog.web.Urls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every endpoint for scripts, in the order the /api page shows them (the most asked first). The
 * route table registers these paths with these roles (app.Routes), and a test holds that every
 * such route of the running app is here. Parameters are those the handlers read (SearchQuery.from,
 * LatestQuery, FeedQuery, AuditQuery, ...); where a parameter's values are an enum of the shared
 * code (facets, sorts, categories), they are taken from it.
 */
public final class Endpoints {
  private Endpoints() {}

  static final String REGION_HINT = "a region name such as eu-west-1";
  static final String OWNER_HINT = "an alias such as amazon, or a 12-digit account id";
  static final List<String> ARCHITECTURES = List.of("x86_64", "arm64", "i386", "x86_64_mac", "arm64_mac");
  static final List<String> EVENT_KINDS = List.of("appeared", "changed", "deprecation-scheduled", "deprecated",
      "made-public", "removed");
  /** SearchQuery's last page. */
  static final int LAST_PAGE = 20_000;
  /** The JSON search's largest page (SearchHandler). */
  static final int MOST_PER_PAGE = 1_000;

  public static final Endpoint LATEST = new Endpoint("latest", "/api/latest", VIEWER, "Latest image per region",
      "The newest available image of an owner whose name matches a pattern, in every region the catalog covers:"
          + " what Terraform's most_recent or a DescribeImages name filter picks, for a script.",
      Format.JSON, "owner, name, architecture and includeDeprecated as asked; imageIds: the image id by region;"
          + " images: region, imageId, name, architecture, creationDate, deprecationTime of each.",
      List.of(
          Param.query("owner", "Whose images. Required: anyone can publish an image under any name, so a name alone"
              + " may pick a look-alike (AMI name squatting).").needed()
              .hint("a 12-digit account id, self (this catalog's account), or an alias such as amazon"),
          Param.query("name", "The image line: a name pattern as EC2's name filter takes it, * any text, ? one character."
              + " Required, so that a script never gets the owner's newest image of any line.").needed()
              .hint("a pattern of up to 128 characters, e.g. al2023-ami-2023.*-kernel-6.1-arm64"),
          Param.query("arch", "Only images of this architecture.").choices(ARCHITECTURES),
          Param.query("region", "Only these regions (repeat for several); all regions when left out.").repeatable()
              .hint(REGION_HINT),
          Param.query("deprecated", "include: deprecated images count too (left out otherwise).").choices(List.of("include"))),
      s -> new Example("/api/latest?owner=" + Urls.enc(s.owner()) + "&name=" + Urls.enc(s.namePattern()),
          "jq -r '.imageIds[\"" + s.region() + "\"]'", "ANSWER.imageIds[\"" + s.region() + "\"]"));

  public static final Endpoint IMAGES = new Endpoint("images", "/api/images", VIEWER, "Search",
      "The JSON twin of the search page: the same parameters give the same images, a page at a time.",
      Format.JSON, "total, page, pageSize (per); newestOnly (newest=1 given) and newestOfFamily (how many of the total are"
          + " the newest version of their family: the total newest=1 gives); facets: for each facet, the count of each value;"
          + " ignored: words of the box that were not used; images: this page's images, each as {image: EC2's fields,"
          + " catalog: the catalog's}.",
      searchParams(true),
      s -> new Example(search(s, "/api/images"), "jq -r '.images[] | [.catalog.region, .image.ImageId, .image.Name] | @tsv'",
          "[for i in ANSWER.images : i.image.ImageId]"));

  public static final Endpoint IMAGES_CSV = new Endpoint("images_csv", "/api/images.csv", VIEWER, "Search as CSV",
      "Every image of a search (all pages), streamed as it is read, in a file named for what it holds.",
      Format.CSV, "One row per image, with every field of the detail page that fits a cell: region, image_id, name,"
          + " description, owner_id, owner_alias, architecture, platform, platform_details, virtualization_type,"
          + " root_device_type, boot_mode, ena_support, state, creation_date, deprecation_time, category, image_type,"
          + " hypervisor, root_device_name, image_location, usage_operation, tpm_support, imds_support, source_image_id,"
          + " last_launched_time, public, tags (a JSON object), accounts (the catalog's accounts that see it, by space).",
      searchParams(false),
      s -> new Example(search(s, "/api/images.csv"), "awk -F, 'NR > 1 { print $1, $2 }'",
          "[for row in ANSWER : row.image_id]"));

  public static final Endpoint IMAGE = new Endpoint("image", "/api/images/{region}/{imageId}", VIEWER, "One image",
      "Everything the catalog knows of one image: the detail page as JSON.",
      Format.JSON, "image (EC2's fields, as describe-images gives them) and catalog (the catalog's), as in a search;"
          + " copies: the same image in other regions; history: what happened to it (appeared, deprecated, ...).",
      List.of(Param.path("region", "The region that holds the image.", AwsNames.REGION.pattern(), REGION_HINT),
          Param.path("imageId", "The AMI id.", AwsNames.IMAGE_ID.pattern(), "an AMI id such as ami-0abc1234")),
      s -> new Example("/api/images/" + Urls.enc(s.region()) + "/" + Urls.enc(s.imageId()),
          "jq -r '.image.Name, (.copies[] | .region + \" \" + .imageId)'", "ANSWER.image.Name"));

  public static final Endpoint COMPARE = new Endpoint("compare", "/api/compare", VIEWER, "Compare images",
      "Two to six images side by side, as the compare page shows them.",
      Format.JSON, "images (each as in a search); sections: the table's rows, as the page shows them, each saying"
          + " whether it differs; differing: how many differ; problems and notice: what was wrong with the ids given; url: the page.",
      List.of(Param.query("id", "An image to compare (repeat the parameter, 2 to 6 times).").needed().repeatable()
              .hint("region/ami-… such as eu-west-1/ami-0abc1234, or a bare ami-… held by one region"),
          Param.query("diff", "1: the sections keep only the rows that differ.").choices(List.of("1"))),
      s -> new Example("/api/compare?id=" + Urls.enc(s.region() + "/" + s.imageId()) + "&id="
          + Urls.enc(s.region() + "/" + s.other()), "jq -r '.sections[].rows[] | select(.differs) | .label'",
          "flatten([for s in ANSWER.sections : [for r in s.rows : r.label if r.differs]])"));

  public static final Endpoint FAMILY_FEED = new Endpoint("family_feed", "/feeds/family.atom", VIEWER, "Feed of a family",
      "What happened to one image family of one owner, newest first: subscribe to it in a feed reader.",
      Format.ATOM, "An Atom feed of up to 50 entries, one per event and image name, with every region it happened in.",
      List.of(Param.query("owner", "Whose family.").needed().hint(OWNER_HINT),
          Param.query("family", "The family, as the audit shows it: the image name with its version as *.").needed()
              .hint("up to 128 characters, e.g. amzn2-ami-ecs-hvm-*-arm64-ebs"),
          kindParam()),
      s -> new Example("/feeds/family.atom?owner=" + Urls.enc(s.owner()) + "&family=" + Urls.enc(s.family()),
          "grep -o '<title>[^<]*</title>'", null));

  public static final Endpoint FAMILY = new Endpoint("family", "/api/family", VIEWER, "A family's versions",
      "Every version of one image family of one owner, newest first, with the regions holding each: the family page's JSON.",
      Format.JSON, "owner, family, namePattern (the family without its stream), stream (null when the family has none);"
          + " versions: name, created and regions (region, imageId, created, state, deprecationTime, removedAt, url) of each;"
          + " latestByRegion: the newest live image id by region; url, csvUrl, feedUrl.",
      familyParams(),
      s -> new Example("/api/family?owner=" + Urls.enc(s.owner()) + "&family=" + Urls.enc(s.family()),
          "jq .latestByRegion", "ANSWER.latestByRegion"));

  public static final Endpoint FAMILY_CSV = new Endpoint("family_csv", "/api/family.csv", VIEWER, "A family's versions as CSV",
      "The family page as CSV: one line per version and region, every version.",
      Format.CSV, "Columns owner, family, version, version_created, region, image_id, created, state, deprecation_time, removed_at.",
      familyParams(),
      s -> new Example("/api/family.csv?owner=" + Urls.enc(s.owner()) + "&family=" + Urls.enc(s.family()), "head -5", null));

  public static final Endpoint DRIFT = new Endpoint("drift", "/api/drift", VIEWER, "Drift",
      "What runs on old images: the instances the sync listed, grouped by the image they run, worst standing first;"
          + " the drift page's JSON.",
      Format.JSON, "listedAt: when instances were last listed; failedRegions: regions whose last instances listing failed"
          + " (region, error, at); images: region, imageId, name, owner, family, standing (removed, not in the catalog,"
          + " deprecated, superseded, newest), drifting, newerVersions, daysNewer, newest, explanation, url and instances"
          + " (instanceId, name, state, accountId, launchTime) of each.",
      List.of(),
      s -> new Example("/api/drift", "jq -r '.images[] | select(.drifting) | [.standing, .region, .imageId, (.instances | length)] | @tsv'",
          "[for i in ANSWER.images : i.imageId if i.drifting]"));

  public static final Endpoint DRIFT_CSV = new Endpoint("drift_csv", "/api/drift.csv", VIEWER, "Drift as CSV",
      "The drift page as CSV: one line per instance, with the standing of the image it runs, worst first.",
      Format.CSV, "Columns region, instance_id, instance_name, state, account_id, launch_time, image_id, image_name, owner,"
          + " family, standing, newer_versions, days_newer, newest.",
      List.of(), s -> new Example("/api/drift.csv", "awk -F, '$11 != \"newest\" { print $2, $11 }'", null));

  public static final Endpoint DRIFT_FEED = new Endpoint("drift_feed", "/feeds/drift.atom", VIEWER, "Feed of drifting families",
      "Families that newly drift (an instance runs one of their older, deprecated or removed versions), newest first.",
      Format.ATOM, "An Atom feed of up to 50 entries, one per family each time it starts drifting, saying which instances"
          + " run what.",
      List.of(), s -> new Example("/feeds/drift.atom", "grep -o '<title>[^<]*</title>'", null));

  public static final Endpoint EXPOSURE = new Endpoint("exposure", "/api/exposure", VIEWER, "Exposure",
      "The images the catalog's accounts own that someone outside them may launch (public, or shared with an account,"
          + " organization or unit outside), and each account's image block public access per region; the exposure page's JSON.",
      Format.JSON, "ownedImagesRead: how many owned images' launch permissions were read; images: accountId, accountLabel, region,"
          + " imageId, name, public, outside (grantee, kind: public, account, organization or unit, label), blockPublicAccess,"
          + " readAt, readError, url; blockPublicAccess: accountId, region, state (block-new-sharing, unblocked or null), error, readAt.",
      List.of(Param.query("account", "Only this account's images.").hint("a 12-digit account id")),
      s -> new Example("/api/exposure", "jq -r '.images[] | select(.public) | [.accountId, .region, .imageId] | @tsv'",
          "[for i in ANSWER.images : i.imageId if i.public]"));

  public static final Endpoint EXPOSURE_CSV = new Endpoint("exposure_csv", "/api/exposure.csv", VIEWER, "Exposure as CSV",
      "The exposure page as CSV: one line per grant that reaches outside the catalog's accounts.",
      Format.CSV, "account_id, account_label, region, image_id, image_name, grantee, grantee_kind, block_public_access, read_at.",
      List.of(Param.query("account", "Only this account's images.").hint("a 12-digit account id")),
      s -> new Example("/api/exposure.csv", "column -s, -t", null));

  public static final Endpoint EXPOSURE_FEED = new Endpoint("exposure_feed", "/feeds/exposure.atom", VIEWER, "Feed of exposure changes",
      "The accounts' images made public or private, shared with or unshared from an account, organization or unit, newest first.",
      Format.ATOM, "An Atom feed of up to 50 entries, one per change (grouped by image name across regions).",
      List.of(), s -> new Example("/feeds/exposure.atom", "grep -o '<title>[^<]*</title>'", null));

  private static List<Param> familyParams() {
    return List.of(Param.query("owner", "Whose family.").needed().hint(OWNER_HINT),
        Param.query("family", "The family, as the audit shows it: the image name with its version as *, and its stream in"
            + " brackets when a family rule reads one.").needed()
            .hint("up to 300 characters, e.g. fedora-coreos-*-x86_64 [stable]"));
  }

  public static final Endpoint SEARCH_FEED = new Endpoint("search_feed", "/feeds/search.atom", VIEWER, "Feed of a search",
      "What happened to the images of any search, newest first: the search page announces its own.",
      Format.ATOM, "An Atom feed of up to 50 entries, one per event and image name, with every region it happened in.",
      concat(searchFilters(), List.of(kindParam())),
      s -> new Example("/feeds/search.atom?q=" + Urls.enc(s.words()) + "&arch=" + Urls.enc(s.arch()),
          "grep -o '<title>[^<]*</title>'", null));

  public static final Endpoint AUDIT_CSV = new Endpoint("audit_csv", "/audit.csv", VIEWER, "Region audit as CSV",
      "The audit matrix as rows: for each family, each region with its newest version, an older one, or none.",
      Format.CSV, "One row per family and region: owner, family, newest_version, region, status (current, older,"
          + " missing, copying, failed), image_id, name, created, days_behind.",
      List.of(Param.query("owner", "Whose families (with neither owner nor category: this account's own).").hint(OWNER_HINT),
          Param.query("category", "Only images of this category.").choices(concat(Category.LABELS, List.of("any"))),
          Param.query("name", "Only families whose key contains this text.").hint("up to 128 characters"),
          Param.query("account", "Only the images this one of the catalog's accounts sees through its own listings (owns, or"
              + " has shared with it); public images count for no account.").hint("a 12-digit account id")),
      s -> new Example("/audit.csv?owner=" + Urls.enc(s.owner()) + "&name=" + Urls.enc(s.words()),
          "awk -F, '$5 == \"missing\" { print $2, $4 }'", "[for row in ANSWER : row.region if row.status == \"missing\"]"));

  public static final Endpoint LAUNCHES = new Endpoint("launches", "/api/launches", VIEWER, "Launch log",
      "Every launch asked of the catalog (checks, refusals, dry runs, launches), newest first, 50 at a time.",
      Format.JSON, "launches: id, url, createdAt, updatedAt, who, region, imageId, request, status, instanceIds, error"
          + " of each; older: the URL of the next 50, or null.",
      List.of(Param.query("before", "Only entries older than this one (the older URL gives it).").between(0, null)
          .hint("a launch log entry's id")),
      s -> new Example("/api/launches", "jq -r '.launches[] | [.createdAt, .status, .imageId] | @tsv'", null));

  public static final Endpoint HEALTH = new Endpoint("health", "/health", ANYONE, "Health",
      "Whether the catalog answers, and how fresh it is: for load balancers and monitoring (open to all).",
      Format.JSON, "status, images (live), regions, mode (demo or live), syncRunning, lastSync (id, status, trigger,"
          + " startedAt, finishedAt, or null).",
      List.of(), s -> new Example("/health", "jq -r '.status, .lastSync.finishedAt'", null));

  public static final Endpoint METRICS = new Endpoint("metrics", "/metrics", VIEWER, "Metrics",
      "Prometheus text: images by category, requests by route and status, sync runs and listings, AWS retries and"
          + " failed calls.",
      Format.PROMETHEUS, "The Prometheus text format, version 0.0.4.",
      List.of(), s -> new Example("/metrics", "grep '^amicatalog_images'", null));

  public static final Endpoint OPENAPI = new Endpoint("openapi", "/api/openapi.json", VIEWER, "OpenAPI description",
      "This list as an OpenAPI 3.0 document, for code generators and API tools.",
      Format.JSON, "An OpenAPI 3.0.3 document: every endpoint here with its parameters and answers.",
      List.of(), s -> new Example("/api/openapi.json", "jq -r '.paths | keys[]'", null));

  /** Every endpoint, in the page's order. */
  public static final List<Endpoint> ALL = List.of(LATEST, IMAGES, IMAGES_CSV, IMAGE, COMPARE, FAMILY, FAMILY_CSV, FAMILY_FEED, SEARCH_FEED,
      DRIFT, DRIFT_CSV, DRIFT_FEED, EXPOSURE, EXPOSURE_CSV, EXPOSURE_FEED,
      AUDIT_CSV, LAUNCHES, HEALTH, METRICS, OPENAPI);

  /** The search's own example: a word of the sample's name, its architecture and region. */
  private static String search(Sample s, String path) {
    return path + "?q=" + Urls.enc(s.words()) + "&arch=" + Urls.enc(s.arch()) + "&region=" + Urls.enc(s.region());
  }

  /** What SearchQuery.from reads: the box, every facet, newest, and (for listings) sort and page. */
  private static List<Param> searchParams(boolean paged) {
    List<Param> params = new ArrayList<>(searchFilters());
    params.add(Param.query(SearchQuery.NEWEST, "1: only the newest version of each image family (the one its image pages"
        + " call newest), in every region that holds it; images with no family stay. 0 or left out: every version.")
        .choices(List.of("1", "0")));
    params.add(Param.query("sort", "The order of the images.")
        .choices(Arrays.stream(SearchQuery.Sort.values()).map(SearchQuery.Sort::param).toList()));
    if (paged) {
      params.add(Param.query("page", "Which page of the images.").between(1, LAST_PAGE));
      params.add(Param.query("per", "How many images a page holds (50 when left out).").between(1, MOST_PER_PAGE));
    }
    return params;
  }

  private static List<Param> searchFilters() {
    List<Param> params = new ArrayList<>();
    params.add(Param.query("q", "Words matched against name, description, owner alias and tags: every word must match,"
        + " the last part of each as a prefix; \"an exact phrase\"; -word leaves out; a OR b either; a region,"
        + " architecture, owner, virtualization, root device or boot mode typed as a word filters as its parameter does."
        + " Or an exact AMI, snapshot or account id.").hint("up to 200 characters"));
    for (Facet f : Facet.values()) params.add(facet(f));
    return params;
  }

  /**
   * A facet as a parameter: what it filters on, and its values (a list where they are fixed, else
   * what one looks like). A new facet does not compile until it is described here.
   */
  private static Param facet(Facet f) {
    String only = "Only images whose " + f.label().toLowerCase(java.util.Locale.ROOT) + " is this value";
    Param p = switch (f) {
      case REGION -> Param.query(f.param(), "Only images in this region").hint(REGION_HINT);
      case CATEGORY -> Param.query(f.param(), only).choices(Category.LABELS);
      case OWNER -> Param.query(f.param(), "Only images of this owner").hint(OWNER_HINT);
      case ACCOUNT -> Param.query(f.param(), "Only images this account of the catalog's sees through its own listings (it owns"
          + " them, or they are shared with it); public images, seen by every account alike, have no account").hint("a 12-digit account id");
      case EXPOSURE -> Param.query(f.param(), "Only the catalog's accounts' own images that this many may launch, as the last sync"
          + " read their launch permissions; other owners' images are not-read").choices(List.of("public", "shared-outside",
          "shared-inside", "owner-only", "not-read"));
      case PLATFORM -> Param.query(f.param(), only).choices(List.of("linux", "windows", "macos"));
      case ARCH -> Param.query(f.param(), only).choices(ARCHITECTURES);
      case VIRT -> Param.query(f.param(), "Only images of this virtualization type").choices(List.of("hvm", "paravirtual"));
      case ROOT -> Param.query(f.param(), "Only images whose root device is of this type").choices(List.of("ebs", "instance-store"));
      case BOOT -> Param.query(f.param(), only).choices(List.of("legacy-bios", "uefi", "uefi-preferred", Facet.NONE));
      case ENA -> Param.query(f.param(), "Only images with (yes) or without (no) ENA support").choices(List.of("yes", "no", Facet.NONE));
      case STATE -> Param.query(f.param(), "Only images in this state").hint("an EC2 image state such as available, pending or failed");
      case DEPRECATED -> Param.query(f.param(), "Only deprecated images (yes), or only those not deprecated (no)").choices(List.of("yes", "no"));
      case YEAR -> Param.query(f.param(), "Only images made in this year").hint("a year such as 2025");
    };
    return Param.query(p.name(), p.meaning() + " (repeat for several: any of them; different filters must all match).")
        .repeatable().choices(p.choices()).hint(p.hint());
  }

  private static Param kindParam() {
    return Param.query("kind", "Only these events (repeat for several); all but changed when left out.").repeatable()
        .choices(EVENT_KINDS);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
