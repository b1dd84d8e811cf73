package amicatalog.cli;

import amicatalog.Main;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Run by the build with {@code -XX:ArchiveClassesAtExit} (Maven's package phase): serves the ready
 * demo from a scratch folder, asks for the pages a first visit asks for, and exits, so that the
 * JVM writes the classes it loaded into a class-data archive. {@code java
 * -XX:SharedArchiveFile=target/ami-catalog.jsa -jar target/ami-catalog.jar} then starts without
 * parsing and verifying them again (issue 13's start-up target).
 */
public final class TrainingRun {
  private static final List<String> PAGES = List.of("/", "/?q=al2023+arm64", "/audit", "/latest", "/sync", "/api",
      "/compare", "/static/app.css");

  private TrainingRun() {}

  public static void main(String[] args) throws Exception {
    // The serve's request log would fill the build's output; a failure is said on the real stderr.
    java.io.PrintStream err = System.err;
    System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      train();
    } catch (Exception | Error e) {
      err.println("the class-data training run failed: " + e);
      System.exit(1);
    }
  }

  private static void train() throws Exception {
    Path work = Files.createTempDirectory("ami-catalog-training");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String[] serve = {"serve", "--demo", "--db", work.resolve("catalog.db").toString(), "--port", Integer.toString(port)};
    Thread server = new Thread(() -> Main.execute(serve), "training-serve");
    server.setDaemon(true);
    server.start();
    HttpClient http = HttpClient.newHttpClient();
    URI base = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    int status = 0;
    while (status != 200) {
      if (System.nanoTime() > deadline || !server.isAlive()) throw new IllegalStateException("the catalog did not start");
      try {
        status = http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    for (String page : PAGES) {
      int s = http.send(HttpRequest.newBuilder(base.resolve(page)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (s != 200) throw new IllegalStateException(page + " answered " + s);
    }
    // Deleted after the serve's own shutdown (which closes the index in there), folder first in, last out.
    try (var files = Files.walk(work)) {
      files.forEach(f -> f.toFile().deleteOnExit());
    }
    System.exit(0);  // the archive is written as the JVM exits
  }
}
