package amicatalog.bench;

import amicatalog.Main;
import amicatalog.app.App;
import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.db.Store;
import amicatalog.image.Scope;
import amicatalog.search.CatalogSearch;
import amicatalog.sync.FamilyKeys;
import amicatalog.sync.Indexer;
import amicatalog.sync.ListingResult;
import amicatalog.sync.RunResult;
import amicatalog.sync.SyncListener;
import amicatalog.web.Origins;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Loads made-up images shaped like real ones ({@link SyntheticImageSource}) through the same
 * indexer path as a sync or import, and reports how long it took and what it cost. Each part of
 * the report is a {@link Section} made by one method, so more can be added (e.g. search timings).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Benchmark the catalog: a cold load of N synthetic images (shaped like real AMIs, 30 regions)"
        + " through the indexer, then an identical re-sync, which should change and write next to nothing,"
        + " then the search page's server time over a fixed mix of queries."
        + " Uses a fresh temporary catalog file, deleted at the end unless --keep.")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--images", paramLabel = "N", defaultValue = "1000000",
      description = "How many images to generate (default ${DEFAULT-VALUE})")
  long images;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed; the same seed gives the same images (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--db", paramLabel = "FILE|URL", description = "Catalog file to create (must not exist; default: a temporary"
      + " file), or an empty PostgreSQL database (postgresql://user:password@host:5432/database), left holding the images")
  String db;

  @Option(names = "--keep", description = "Keep the catalog file afterwards and print its path")
  boolean keep;

  @Option(names = "--as-sync", description = "List per scope (self, shared, amazon, marketplace, community) as a sync"
      + " does, instead of one import listing per region; only this way do images get the 'shared' category")
  boolean asSync;

  @Option(names = "--sync-images", paramLabel = "N", defaultValue = "60000",
      description = "Images (over 3 regions) to sync through the AWS SDK from a local EC2 endpoint, beside `aws ec2 describe-images`"
          + " when aws is on the PATH (default ${DEFAULT-VALUE}; 0: no such sync)")
  long syncImages;

  @Option(names = "--json", description = "Print the figures as one JSON object instead of a table")
  boolean json;

  @Option(names = "--load-seconds", paramLabel = "S", defaultValue = "0",
      description = "Then run wrk (on the PATH) at 64 connections for S seconds over search, detail, JSON and CSV"
          + " while syncs add and remove 1%% of the images (0, the default: no load run)")
  int loadSeconds;

  @Option(names = "--organization", paramLabel = "ACCOUNTS", defaultValue = "0",
      description = "Instead of the above: sync an Organization of ACCOUNTS made-up accounts (EC2 on a local port that"
          + " answers in 30 ms and throttles each account as EC2 does) by sync workers sharing the store, once for each"
          + " count of --workers (0, the default: not run)")
  int organization;

  @Option(names = "--workers", paramLabel = "N,N…", split = ",", defaultValue = "1,2,4",
      description = "With --organization: the counts of sync workers to time, one run each (default ${DEFAULT-VALUE})")
  List<Integer> workers;

  /** One part of the report: its metrics in order. */
  record Section(String key, String title, List<Metric> metrics) {}

  /** A figure: key for --json, label and unit for the table. */
  record Metric(String key, String label, Object value, String unit) {}

  @Override
  public Integer call() throws IOException {
    if (images < 0) throw new IllegalArgumentException("--images: must be 0 or more");
    if (organization < 0) throw new IllegalArgumentException("--organization: must be 0 or more");
    if (workers.isEmpty() || workers.size() > 8 || workers.stream().anyMatch(w -> w == null || w < 1 || w > 64)) {
      // Each count syncs accounts of its own, numbered by the count's place (1 to 8; 9 is the warm-up's).
      throw new IllegalArgumentException("--workers: give up to 8 counts from 1 to 64, such as 1,2,4");
    }
    if (loadSeconds < 0) throw new IllegalArgumentException("--load-seconds: must be 0 or more");
    if (syncImages < 0) throw new IllegalArgumentException("--sync-images: must be 0 or more");
    if (loadSeconds > 0) LoadRun.checkWrk();
    Store store = db != null ? Store.parse(db) : new Store.SqliteFile(Files.createTempFile("ami-catalog-bench-", ".db"));
    Path file = store instanceof Store.SqliteFile f ? f.file() : null;  // null: a PostgreSQL store
    if (db != null && file != null && Files.exists(file)) {
      throw new IllegalArgumentException("--db: " + file + " exists; bench needs a new file");
    }
    if (file != null) Files.deleteIfExists(file);  // a fresh, empty catalog
    SyntheticImageSource source = new SyntheticImageSource(images, seed);
    Set<Scope> scopes = asSync ? EnumSet.of(Scope.SELF, Scope.SHARED, Scope.AMAZON, Scope.MARKETPLACE, Scope.COMMUNITY)
        : EnumSet.of(Scope.IMPORT);
    Path indexDir = file == null ? null : CatalogSearch.indexDir(file);
    List<Section> report = new ArrayList<>();
    report.add(machine());
    if (organization > 0) {
      try {
        report.add(organization(store));
      } finally {
        if (file != null) for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(file + suffix));
      }
      System.out.println(json ? toJson(report) : toTable(report));
      return 0;
    }
    java.util.Optional<StartUp> startUp = StartUp.ofThisJar();
    if (startUp.isPresent()) {
      try {
        report.add(startUp.get().run());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while timing start-up", e);
      }
    }
    if (syncImages > 0) {
      report.add(new SyncFromEndpoint(syncImages, seed).run());
      System.gc();  // its pages are garbage now: not charged to what follows
    }
    try (Database database = Database.open(store);
         CatalogSearch search = new CatalogSearch(database)) {
      if (count(database, "images") > 0) throw new IllegalArgumentException("--db " + store + ": bench needs an empty catalog");
      report.add(load("cold_load", "Cold load (empty catalog: bulk load, then the indexes)",
          database, file, source, scopes));
      report.add(load("resync", "Re-sync of the same images (nothing should change)", database, file, source, scopes));
      // The load leaves a heap of garbage behind: collected now, it is not charged to the searches.
      System.gc();
      report.add(search(database, search));
      System.gc();
      report.add(audit(database, search));
      report.add(update(database, search, source.withOnePercentChanged(), scopes));
      if (loadSeconds > 0) report.add(new LoadRun(database, search, images, seed, scopes, loadSeconds).run());
    } finally {
      if (!keep && file != null) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) Files.deleteIfExists(Path.of(file + suffix));
        deleteTree(indexDir);
      }
    }
    if (keep || file == null) {
      report.add(new Section("catalog", "Catalog", List.of(new Metric("file", "kept at", store.toString(), ""))));
    }
    System.out.println(json ? toJson(report) : toTable(report));
    return 0;
  }

  /** The Organization's syncs, into an empty store. */
  private Section organization(Store store) throws IOException {
    try (Database database = Database.open(store)) {
      if (count(database, "images") > 0) throw new IllegalArgumentException("--db " + store + ": bench needs an empty catalog");
    }
    return new OrganizationSync(store, organization, workers).run();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private Section machine() {
    var os = os();
    return new Section("machine", "Machine", List.of(
        new Metric("cpus", "CPUs", (long) Runtime.getRuntime().availableProcessors(), ""),
        new Metric("cpu_model", "CPU", cpuModel(), ""),
        new Metric("memory_gib", "memory", gib(os.getTotalMemorySize()), "GiB"),
        new Metric("load_average", "load average at start (other work)", round(os.getSystemLoadAverage()), ""),
        new Metric("max_heap_mib", "max heap", mib(Runtime.getRuntime().maxMemory()), "MiB"),
        new Metric("java", "Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), ""),
        new Metric("images", "images", images, ""),
        new Metric("seed", "seed", seed, "")));
  }

  /** One Indexer run over the whole synthetic set, timed, with what it cost in memory and disk. */
  private Section load(String key, String title, Database database, Path file, SyntheticImageSource source,
      Set<Scope> scopes) {
    long eventsBefore = count(database, "image_events");
    long sizeBefore = storeBytes(database, file) + size(wal(file));
    long writtenBefore = bytesWritten();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    Progress progress = new Progress(key, images);
    long cpuBefore = os().getProcessCpuTime();
    long start = System.nanoTime();
    RunResult run = new Indexer(database).run("bench", source.regions(), scopes, source, progress);
    double seconds = (System.nanoTime() - start) / 1e9;
    double writing = (progress.lastListingDone.get() - start) / 1e9;
    double cpu = (os().getProcessCpuTime() - cpuBefore) / 1e9;
    long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    long written = writtenBefore < 0 ? -1 : bytesWritten() - writtenBefore;
    long dbSize = storeBytes(database, file), walSize = size(wal(file));
    if (!"ok".equals(run.status())) {
      throw new IllegalStateException(key + ": the run ended " + run.status() + ": "
          + run.listings().stream().filter(l -> !l.ok()).map(ListingResult::error).findFirst().orElse("?"));
    }
    List<Metric> m = new ArrayList<>(List.of(
        new Metric("images", "images listed", sum(run, ListingResult::seen), ""),
        new Metric("added", "added", sum(run, ListingResult::added), ""),
        new Metric("changed", "changed", sum(run, ListingResult::changed), ""),
        new Metric("removed", "removed", sum(run, ListingResult::removed), ""),
        new Metric("events_written", "history events written", count(database, "image_events") - eventsBefore, ""),
        new Metric("seconds", "elapsed", round(seconds), "s"),
        new Metric("seconds_writing_pages", "  writing pages", round(writing), "s"),
        new Metric("seconds_after_pages", "  after the pages (indexes, ANALYZE)", round(seconds - writing), "s"),
        new Metric("cpu_seconds", "CPU time (all threads of this process)", round(cpu), "s"),
        new Metric("images_per_second", "rate", Math.round(sum(run, ListingResult::seen) / seconds), "images/s"),
        new Metric("peak_heap_mib", "peak heap (sum of heap pool peaks)", mib(peakHeap), "MiB"),
        new Metric("db_mib", "catalog file", mib(dbSize), "MiB"),
        new Metric("wal_mib", "WAL file", mib(walSize), "MiB"),
        new Metric("db_and_wal_mib", "catalog file + WAL", mib(dbSize + walSize), "MiB"),
        new Metric("growth_mib", "file + WAL growth", mib(dbSize + walSize - sizeBefore), "MiB")));
    if (written >= 0) m.add(new Metric("written_mib", "bytes written by the process", mib(written), "MiB"));
    if (key.equals("cold_load")) m.add(new Metric("categories", "categories", categories(database), ""));
    return new Section(key, title, m);
  }

  /**
   * The search page over HTTP against the real app on a loopback port, for a fixed mix of queries
   * (text, prefixes, facets combined, exact ids, sorts, deep pages), five rounds after a warm-up.
   * Server time is measured by the client, so it includes the loopback round trip. Repeated
   * searches reuse the cached text match and counts (as paging does), so the first round is
   * reported on its own.
   */
  Section search(Database database, CatalogSearch search) {
    long heapBefore = usedHeap();
    long start = System.nanoTime();
    search.refresh();
    double indexSeconds = (System.nanoTime() - start) / 1e9;
    long indexHeap = usedHeap() - heapBefore;
    var app = start(database, search);
    try {
      var http = java.net.http.HttpClient.newHttpClient();
      List<String> mix = SearchMix.of(database);
      // The JIT warms up on other searches first (as a server that has been up a while has),
      // so the first round is each query's first run, not the JVM's.
      // Every kind of search the mix has (words, prefixes, a facet alone, deep pages in each order)
      // with other words and values than the mix's, so that no query of the mix is cached.
      List<String> otherWords = List.of("linux", "image", "gpu", "prod", "dev", "jammy", "minimal", "rhel", "sql", "eks");
      List<String> otherPrefixes = List.of("n", "li", "rh", "ce", "s", "gp", "m", "t", "bo", "e");
      List<String> otherFacets = List.of("owner=aws-marketplace", "category=marketplace", "owner=099720109477",
          "region=us-west-2", "platform=Linux/UNIX", "deprecated=no", "arch=x86_64", "year=2023", "root=ebs", "virt=hvm");
      for (int i = 0; i < 40; i++) {
        String sort = List.of("newest", "name", "oldest", "region").get(i % 4);
        get(http, app.port(), "/?year=" + (2017 + i % 10) + "&arch=" + (i < 20 ? "arm64" : "x86_64") + "&page=" + (1 + i % 3));
        get(http, app.port(), "/?q=" + otherWords.get(i % 10) + "&year=" + (2017 + i % 10) + "&sort=" + sort);
        get(http, app.port(), "/?q=" + otherPrefixes.get(i % 10) + (i < 20 ? "" : "&sort=" + sort));
        get(http, app.port(), "/?" + otherFacets.get(i % 10) + (i < 20 ? "" : "&sort=" + sort + "&page=" + (200 + i)));
        get(http, app.port(), "/?q=" + (2016 + i % 8));
      }
      List<Double> first = new ArrayList<>(), millis = new ArrayList<>();
      Map<String, Double> firstByQuery = new java.util.HashMap<>();
      for (int round = 0; round < 5; round++) {
        for (String q : mix) {
          long t = System.nanoTime();
          get(http, app.port(), q);
          double ms = (System.nanoTime() - t) / 1e6;
          (round == 0 ? first : millis).add(ms);
          if (round == 0) firstByQuery.put(q, ms);
        }
      }
      // Which queries a p95 over target is made of: the slowest first runs, by name.
      String slowest = firstByQuery.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .limit(4).map(e -> e.getKey() + " " + Math.round(e.getValue()) + " ms").collect(java.util.stream.Collectors.joining(", "));
      first.sort(null);
      millis.addAll(first);
      millis.sort(null);
      return new Section("search", "Search page with facet counts (" + mix.size() + " queries x 5 rounds, over HTTP)", List.of(
          new Metric("queries", "distinct queries", (long) mix.size(), ""),
          new Metric("index_seconds", "search index build (after the cold load)", round(indexSeconds), "s"),
          new Metric("index_heap_mib", "search index heap (approx.)", mib(Math.max(0, indexHeap)), "MiB"),
          new Metric("index_disk_mib", "search index on disk", mib(search.bytesOnDisk()), "MiB"),
          new Metric("first_p50_ms", "p50, each query's first run (nothing cached)", round(percentile(first, 50)), "ms"),
          new Metric("first_p95_ms", "p95, each query's first run", round(percentile(first, 95)), "ms"),
          new Metric("p50_ms", "p50, all five rounds", round(percentile(millis, 50)), "ms"),
          new Metric("p95_ms", "p95, all five rounds", round(percentile(millis, 95)), "ms"),
          new Metric("max_ms", "max", round(millis.get(millis.size() - 1)), "ms"),
          new Metric("slowest_first_runs", "slowest first runs", slowest, "")));
    } finally {
      app.stop();
    }
  }

  /** The region audit matrix of the owner with the most images, as /audit serves it (over HTTP, 5 runs after a warm-up). */
  Section audit(Database database, CatalogSearch search) {
    String owner = database.read(h -> h.createQuery("SELECT coalesce(owner_alias, owner_id) FROM images"
        + " WHERE removed_at IS NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").mapTo(String.class).findOne().orElse(null));
    FamilyKeys.fillAll(database);  // a sync keys its images at its end; this load may not have
    var app = start(database, search);
    List<Double> millis = new ArrayList<>();
    try {
      var http = java.net.http.HttpClient.newHttpClient();
      for (int round = 0; round < 6; round++) {
        long t = System.nanoTime();
        get(http, app.port(), "/audit?owner=" + java.net.URLEncoder.encode(String.valueOf(owner), java.nio.charset.StandardCharsets.UTF_8));
        if (round > 0) millis.add((System.nanoTime() - t) / 1e6);  // the first run warms the JIT
      }
    } finally {
      app.stop();
    }
    millis.sort(null);
    return new Section("audit", "Region audit page of the largest owner (over HTTP, 5 runs)", List.of(
        new Metric("owner", "owner", String.valueOf(owner), ""),
        new Metric("median_ms", "median", round(percentile(millis, 50)), "ms"),
        new Metric("max_ms", "max", round(millis.get(millis.size() - 1)), "ms")));
  }

  /**
   * A re-sync in which 1% of the images changed, then the search index brought up to date (only
   * the changed images are indexed again).
   */
  private Section update(Database database, CatalogSearch search, SyntheticImageSource changed, Set<Scope> scopes) {
    long start = System.nanoTime();
    RunResult run = new Indexer(database).run("bench", changed.regions(), scopes, changed, SyncListener.NONE);
    double syncSeconds = (System.nanoTime() - start) / 1e9;
    if (!"ok".equals(run.status())) throw new IllegalStateException("the 1% re-sync ended " + run.status());
    System.gc();
    long heapBefore = usedHeap();
    start = System.nanoTime();
    search.refresh();
    double refreshSeconds = (System.nanoTime() - start) / 1e9;
    return new Section("search_update", "Search index update after a re-sync that changed 1% of the images", List.of(
        new Metric("changed", "images changed by the re-sync", sum(run, ListingResult::changed), ""),
        new Metric("resync_seconds", "re-sync", round(syncSeconds), "s"),
        new Metric("update_seconds", "search index update", round(refreshSeconds), "s"),
        new Metric("heap_after_mib", "heap in use after it (all of the process)", mib(usedHeap()), "MiB"),
        new Metric("heap_growth_mib", "  grown by the update", mib(Math.max(0, usedHeap() - heapBefore)), "MiB"),
        new Metric("index_disk_mib", "search index on disk", mib(search.bytesOnDisk()), "MiB")));
  }

  /** The real web app over the benchmark's catalog, read-only, on a free loopback port. */
  static io.javalin.Javalin start(Database database, CatalogSearch search) {
    var parts = new App.Parts(database, new Indexer(database), search, null, null, trigger -> false,
        new Origins("127.0.0.1", List.of(), null), true, List.of(), App.SignIn.OFF, new amicatalog.metrics.Metrics());
    return App.create(parts).start("127.0.0.1", 0);
  }

  private static void get(java.net.http.HttpClient http, int port, String pathAndQuery) {
    try {
      var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double percentile(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static long usedHeap() {
    System.gc();
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }

  /** Notes when the last listing ended (the rest of the run is the bulk-load finish), and prints progress. */
  private final class Progress implements SyncListener {
    final AtomicLong lastListingDone = new AtomicLong();
    final AtomicLong seen = new AtomicLong();
    final String label;
    final long total;
    final long started = System.nanoTime();
    long nextReport;

    Progress(String label, long total) {
      this.label = label;
      this.total = total;
      this.nextReport = Math.max(1, total / 10);
    }

    @Override
    public void listingFinished(ListingResult r) {
      lastListingDone.accumulateAndGet(System.nanoTime(), Math::max);
      long now = seen.addAndGet(r.seen());
      synchronized (this) {
        if (now >= nextReport && total > 0) {
          System.err.printf(Locale.ROOT, "%s: %,d of %,d images, %.1f s%n", label, now, total, (System.nanoTime() - started) / 1e9);
          while (nextReport <= now) nextReport += Math.max(1, total / 10);
        }
      }
    }
  }

  private static com.sun.management.OperatingSystemMXBean os() {
    return (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  }

  private static Map<String, Long> categories(Database database) {
    Map<String, Long> counts = new LinkedHashMap<>();
    database.read(h -> h.createQuery("SELECT category, count(*) AS n FROM images GROUP BY category ORDER BY n DESC")
        .map((rs, ctx) -> counts.put(rs.getString(1), rs.getLong(2))).list());
    return counts;
  }

  private static long count(Database database, String table) {
    return database.read(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  private static long sum(RunResult run, java.util.function.ToIntFunction<ListingResult> field) {
    return run.listings().stream().mapToLong(field::applyAsInt).sum();
  }

  private static String toTable(List<Section> report) {
    StringBuilder sb = new StringBuilder();
    for (Section s : report) {
      sb.append(s.title()).append('\n');
      for (Metric m : s.metrics()) {
        sb.append(String.format(Locale.ROOT, "  %-48s %16s %s%n", m.label(), format(m.value()), m.unit()).stripTrailing()).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private static String format(Object value) {
    if (value instanceof Long l) return String.format(Locale.ROOT, "%,d", l);
    if (value instanceof Double d) return String.format(Locale.ROOT, "%,.2f", d);
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + " " + format(e.getValue())).collect(Collectors.joining(", "));
    }
    return String.valueOf(value);
  }

  private static String toJson(List<Section> report) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Section s : report) {
      Map<String, Object> values = new LinkedHashMap<>();
      s.metrics().forEach(m -> values.put(m.key(), m.value()));
      out.put(s.key(), values);
    }
    try {  // in report order, not sorted
      return Json.MAPPER.writer().without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
    } catch (IOException | UncheckedIOException e) {
      return System.getProperty("os.arch");
    }
  }

  /** Bytes this process has handed to write(2) so far (Linux), or -1. */
  private static long bytesWritten() {
    try {
      return Files.readAllLines(Path.of("/proc/self/io")).stream().filter(l -> l.startsWith("wchar:"))
          .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst().orElse(-1);
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      return -1;
    }
  }

  /** The catalog's size on disk: its file, or PostgreSQL's database (its WAL not counted). */
  private static long storeBytes(Database database, Path file) {
    if (file != null) return size(file);
    return database.read(h -> h.createQuery("SELECT pg_database_size(current_database())").mapTo(Long.class).one());
  }

  private static Path wal(Path file) {
    if (file == null) return Path.of("/nonexistent-wal");  // PostgreSQL: its WAL is the server's
    return Path.of(file + "-wal");
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  static double mib(long bytes) {
    return round(bytes / 1048576.0);
  }

  private static double gib(long bytes) {
    return round(bytes / 1073741824.0);
  }

  static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
