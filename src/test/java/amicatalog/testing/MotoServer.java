package amicatalog.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The real EC2 emulator for tests: {@code python3 -m moto.server} on a free loopback port,
 * started once per test JVM. If moto cannot start, tests fail with the reason; they never skip.
 */
public final class MotoServer {
  private static MotoServer instance;

  private final Process process;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static synchronized MotoServer get() {
    if (instance == null) instance = start();
    return instance;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Wipes every resource moto holds, so each test starts from moto's preloaded images. */
  public void reset() {
    try {
      http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("moto reset failed", e);
    }
  }

  private static MotoServer start() {
    try {
      int port = freePort();
      Path log = Files.createTempFile("moto-", ".log");
      ProcessBuilder pb = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("MOTO_ENABLE_AMI_VALIDATION", "true");
      pb.environment().put("MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION", "true");
      Process p = pb.start();
      MotoServer server = new MotoServer(p, URI.create("http://127.0.0.1:" + port));
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (Instant.now().isBefore(deadline)) {
        if (!p.isAlive()) {
          throw new IllegalStateException("moto server exited: " + Files.readString(log)
              + "\n(is moto[server] installed for python3? .ci/run installs the test peers)");
        }
        try {
          server.http.send(HttpRequest.newBuilder(server.endpoint.resolve("/moto-api/")).build(),
              HttpResponse.BodyHandlers.discarding());
          return server;
        } catch (IOException notYet) {
          p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);  // wait for moto to bind, or to die
        }
      }
      throw new IllegalStateException("moto server did not answer within 60 s; log: " + log);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot start moto: " + e.getMessage(), e);
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
