package amicatalog.bench;

import amicatalog.bench.BenchCommand.Metric;
import amicatalog.bench.BenchCommand.Section;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Start-up as a user meets it: {@code java -jar ami-catalog.jar serve --demo} in a new process,
 * from launch to the first search page answered, on a new folder (the ready demo is unpacked) and
 * again on the catalog that start left (an existing catalog); with and without the class-data
 * archive the build writes beside the jar. Median of three starts each.
 */
final class StartUp {
  private static final int STARTS = 3;

  private final Path jar;
  private final Path archive;
  private final String javaCommand = ProcessHandle.current().info().command().orElse("java");

  private StartUp(Path jar) {
    this.jar = jar;
    Path jsa = jar.resolveSibling("ami-catalog.jsa");
    this.archive = Files.exists(jsa) ? jsa : null;
  }

  /** Empty when this bench does not run from the jar (from compiled classes, as in the tests). */
  static Optional<StartUp> ofThisJar() {
    try {
      Path p = Path.of(StartUp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return p.toString().endsWith(".jar") ? Optional.of(new StartUp(p)) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  Section run() throws IOException, InterruptedException {
    List<Metric> m = new ArrayList<>();
    m.add(new Metric("class_data_archive", "class-data archive", archive == null ? "none beside the jar" : archive.toString(), ""));
    for (boolean withArchive : archive == null ? new boolean[] {false} : new boolean[] {true, false}) {
      long[] fresh = new long[STARTS];
      long[] existing = new long[STARTS];
      for (int i = 0; i < STARTS; i++) {
        Path dir = Files.createTempDirectory("ami-catalog-start");
        try {
          fresh[i] = firstPageMillis(dir, withArchive);
          existing[i] = firstPageMillis(dir, withArchive);
        } finally {
          try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        }
      }
      String how = withArchive ? "" : "_without_archive";
      String label = withArchive ? "" : ", no archive";
      m.add(new Metric("existing_catalog_ms" + how, "existing catalog" + label, median(existing), "ms"));
      m.add(new Metric("fresh_clone_ms" + how, "new folder (demo unpacked)" + label, median(fresh), "ms"));
    }
    return new Section("start_up", "Start-up: `serve --demo` in a new process, launch to the first page (median of "
        + STARTS + ")", m);
  }

  private long firstPageMillis(Path dir, boolean withArchive) throws IOException, InterruptedException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(javaCommand));
    if (withArchive) command.add("-XX:SharedArchiveFile=" + archive);
    command.addAll(Arrays.asList("-jar", jar.toString(), "serve", "--demo", "--db", dir.resolve("ami-catalog.db").toString(),
        "--port", Integer.toString(port)));
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest first = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
    long started = System.nanoTime();
    Process serve = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("serve.log").toFile()).start();
    try {
      while (true) {
        if (!serve.isAlive()) {
          throw new IllegalStateException("serve stopped before its first page: " + Files.readString(dir.resolve("serve.log")));
        }
        if (System.nanoTime() - started > 120_000_000_000L) throw new IllegalStateException("serve did not answer in 2 minutes");
        try {
          if (http.send(first, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) break;
        } catch (IOException notYet) {
          Thread.sleep(10);
        }
      }
      return (System.nanoTime() - started) / 1_000_000;
    } finally {
      serve.destroy();
      serve.waitFor();
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
