package amicatalog.search;

import amicatalog.common.Csv;
import amicatalog.image.ImageJson;
import amicatalog.image.SearchQuery;
import amicatalog.web.Layouts;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The search page and its JSON and CSV twins: parse, query, render. */
public final class SearchHandler {
  private final CatalogSearch search;
  private final Layouts layouts;

  public SearchHandler(CatalogSearch search, Layouts layouts) {
    this.search = search;
    this.layouts = layouts;
  }

  public void page(Context ctx) {

    CatalogSearch.Known known = search.known(SearchQuery.from(ctx));
    SearchQuery query = known.query();
    SearchResult result = search.search(query);
    String title = query.isEmpty() ? "AMI Catalog" : (query.q().isEmpty() ? "Search" : query.q()) + " · AMI Catalog";
    ctx.render("search/search.jte", Map.of("page",
        SearchPage.of(layouts.of(ctx, title, "search"), query, result, search.liveImages() == 0, known.labels(), known.notes(), search::accountsOf,
        search::derivedDeprecation, search::accountLabel)));
  }

  /** The JSON API's largest page: a script gets 1,000 images a request, never the whole catalog at once (the CSV streams it). */
  static final int MOST_PER_PAGE = 1_000;

  public void json(Context ctx) {

    int per = amicatalog.web.QueryParams.pageSize(ctx.queryParam("per"), SearchQuery.PAGE_SIZE, MOST_PER_PAGE);
    CatalogSearch.Known known = search.known(SearchQuery.from(ctx));
    SearchQuery query = known.query();
    SearchResult result = search.search(query, per);
    ctx.json(Map.of("total", result.total(), "page", query.page(), "pageSize", per,
        "newestOnly", query.newest(), "newestOfFamily", result.newest(),
        "facets", result.facets().stream().collect(java.util.stream.Collectors.toMap(
            fc -> fc.facet().param(), SearchResult.FacetCounts::values, (a, b) -> a, java.util.LinkedHashMap::new)),
        "ignored", known.labels(), "notes", known.notes(), "images", search.stored(result.rows()).stream().map(ImageJson::of).toList()));
  }

  /**
   * The CSV's columns: every field of the detail page that fits a cell (block devices and product
   * codes do not; tags are their JSON object), named as EC2's fields are (snake case) where they
   * hold one; platform is the catalog's one value (windows, macos, linux) and platform_details
   * EC2's PlatformDetails. The README's "Pages and API" says what each holds.
   */
  static final String CSV_HEADER = "region,image_id,name,description,owner_id,owner_alias,architecture,platform,platform_details,"
      + "virtualization_type,root_device_type,boot_mode,ena_support,state,creation_date,deprecation_time,category,"
      + "image_type,hypervisor,root_device_name,image_location,usage_operation,tpm_support,imds_support,source_image_id,"
      + "last_launched_time,public,tags,accounts\r\n";

  /** Every matching row, streamed as it is read. */
  public void csv(Context ctx) throws IOException {
    SearchQuery query = search.known(SearchQuery.from(ctx)).query();
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"" + csvFileName(query, java.time.LocalDate.now(java.time.ZoneOffset.UTC)) + "\"");
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    out.write(CSV_HEADER);
    search.forEachRow(query, r -> {
      try {
        out.write(Csv.line(r.region(), r.imageId(), r.name(), r.description(), r.ownerId(), r.ownerAlias(), r.architecture(),
            r.platformLabel(), r.platformDetails(), r.virtualizationType(), r.rootDeviceType(), r.bootMode(),
            text(r.enaSupport()), r.state(), r.creationDate(), r.deprecationTime(), r.category(), r.imageType(),
            r.hypervisor(), r.rootDeviceName(), r.imageLocation(), r.usageOperation(), r.tpmSupport(), r.imdsSupport(),
            r.sourceImageId(), r.lastLaunchedTime(), text(r.isPublic()), r.tags(), String.join(" ", r.accountIds())));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    out.flush();
  }

  private static String text(Boolean b) {
    return b == null ? "" : b.toString();
  }

  /**
   * A file name that says what the export holds, so that a folder of them stays readable:
   * ami-catalog-eu-west-1-arm64-2026-12-01.csv (the words and filter values, then the day).
   */
  static String csvFileName(SearchQuery query, java.time.LocalDate day) {
    StringBuilder name = new StringBuilder("ami-catalog");
    for (String word : query.q().split(" ")) if (!word.isBlank()) name.append('-').append(word);
    query.filters().values().forEach(values -> values.stream().sorted().forEach(v -> name.append('-').append(v)));
    if (query.newest()) name.append("-newest");
    String safe = name.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("-{2,}", "-");
    if (safe.length() > 100) safe = safe.substring(0, 100);
    return safe.replaceAll("-+$", "") + "-" + day + ".csv";
  }
}
