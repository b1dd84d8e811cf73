package amicatalog.bench;

import amicatalog.bench.BenchCommand.Metric;
import amicatalog.bench.BenchCommand.Section;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import amicatalog.search.CatalogSearch;
import amicatalog.sync.Indexer;
import amicatalog.sync.RunResult;
import amicatalog.sync.SyncListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The long load run: wrk at 64 connections over the search, detail, JSON and CSV routes of the real
 * app serving the benchmark's catalog, while syncs write to it, one after the other, as long as wrk
 * runs: the first adds 1% more images, the next removes them again (a complete listing tombstones
 * what it no longer sees), and so on, each followed by a search index refresh as serve does.
 */
final class LoadRun {
  private static final Pattern SUMMARY = Pattern.compile(
      "requests (\\d+), non-2xx (\\d+), socket errors (\\d+), timeouts (\\d+), p50 ([\\d.]+) ms, p99 ([\\d.]+) ms");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

  private final Database database;
  private final CatalogSearch search;
  private final long images;
  private final long seed;
  private final Set<Scope> scopes;
  private final int seconds;

  LoadRun(Database database, CatalogSearch search, long images, long seed, Set<Scope> scopes, int seconds) {
    this.database = database;
    this.search = search;
    this.images = images;
    this.seed = seed;
    this.scopes = scopes;
    this.seconds = seconds;
  }

  /** Fails at once, before a long load, when wrk cannot be run. */
  static void checkWrk() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
    } catch (IOException e) {
      throw new IllegalArgumentException("--load-seconds needs wrk on the PATH (Debian: apt-get install wrk)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Section run() throws IOException {
    var app = BenchCommand.start(database, search);
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicLong syncs = new AtomicLong(), written = new AtomicLong();
    AtomicReference<String> writerFailure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        for (int n = 0; loading.get(); n++) {
          long count = n % 2 == 0 ? images + Math.max(1, images / 100) : images;
          SyntheticImageSource source = new SyntheticImageSource(count, seed);
          RunResult run = new Indexer(database).run("bench load", source.regions(), scopes, source, SyncListener.NONE);
          if (!"ok".equals(run.status())) {
            throw new IllegalStateException("a sync ended " + run.status() + ": " + run.listings().stream()
                .filter(l -> !l.ok()).map(l -> l.region() + ": " + l.error()).findFirst().orElse("?"));
          }
          search.refresh();
          syncs.incrementAndGet();
          written.addAndGet(run.listings().stream().mapToLong(l -> l.added() + l.changed() + l.removed()).sum());
        }
      } catch (RuntimeException e) {
        writerFailure.set(e.toString());
      }
    }, "bench-load-writer");
    Path script = Files.createTempFile("ami-catalog-load-", ".lua");
    String out;
    try {
      try (InputStream lua = LoadRun.class.getResourceAsStream("/bench/load.lua")) {
        Files.write(script, lua.readAllBytes());
      }
      writer.start();
      out = wrk(script, app.port(), anImage());
    } finally {
      loading.set(false);
      joinQuietly(writer);
      app.stop();
      Files.deleteIfExists(script);
    }
    if (writerFailure.get() != null) throw new IllegalStateException("the syncs during the load run failed: " + writerFailure.get());
    Matcher m = SUMMARY.matcher(out), rate = RATE.matcher(out);
    if (!m.find() || !rate.find()) throw new IllegalStateException("wrk said something else than expected:\n" + out);
    return new Section("load", "Load run: wrk, 64 connections, " + seconds + " s, search/detail/JSON/CSV, while syncs write",
        List.of(
            new Metric("requests", "requests", Long.parseLong(m.group(1)), ""),
            new Metric("requests_per_second", "requests per second", Double.parseDouble(rate.group(1)), "/s"),
            new Metric("non_2xx", "answers not 2xx", Long.parseLong(m.group(2)), ""),
            new Metric("socket_errors", "socket errors", Long.parseLong(m.group(3)), ""),
            new Metric("timeouts", "answers slower than 10 s", Long.parseLong(m.group(4)), ""),
            new Metric("p50_ms", "p50", Double.parseDouble(m.group(5)), "ms"),
            new Metric("p99_ms", "p99", Double.parseDouble(m.group(6)), "ms"),
            new Metric("syncs", "syncs completed meanwhile", syncs.get(), ""),
            new Metric("images_written", "  images they added, changed or removed", written.get(), "")));
  }

  private String anImage() {
    return database.read(h -> h.createQuery("SELECT region || '/' || image_id FROM images WHERE removed_at IS NULL LIMIT 1")
        .mapTo(String.class).one());
  }

  private String wrk(Path script, int port, String image) throws IOException {
    ProcessBuilder wrk = new ProcessBuilder("wrk", "-t2", "-c64", "-d" + seconds + "s", "--timeout", "10s", "--latency",
        "-s", script.toString(), "http://127.0.0.1:" + port).redirectErrorStream(true);
    wrk.environment().put("AMI_LOAD_IMAGE", image);
    Process p = wrk.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) throw new IllegalStateException("wrk failed:\n" + out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
