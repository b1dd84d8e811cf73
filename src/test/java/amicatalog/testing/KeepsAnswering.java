package amicatalog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks a running app for a few pages in turn, over and over, while a test does something harsh to
 * the catalog it serves (a sync failing, a storm, a full disk): {@link #close()} then checks that
 * every answer came, in time, and was a 200.
 */
public final class KeepsAnswering implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger answers = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final Thread asker;

  private KeepsAnswering(URI base, List<String> paths) {
    asker = new Thread(() -> {
      for (int i = 0; running.get(); i++) {
        String path = paths.get(i % paths.size());
        try {
          var response = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(PATIENCE).build(),
              HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) answers.incrementAndGet();
          else failures.add(path + " answered " + response.statusCode());
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          failures.add(path + ": " + e);
        }
      }
    }, "keeps-answering");
    asker.start();
  }

  /** Starts asking {@code app} for {@code paths} (e.g. "/?q=image", "/sync") in turn. */
  public static KeepsAnswering watch(TestApp app, String... paths) {
    return new KeepsAnswering(app.base, List.of(paths));
  }

  /** Waits until {@code n} more answers have come (the catalog answered after whatever happened just now). */
  public void awaitMoreAnswers(int n) throws InterruptedException {
    int target = answers.get() + n;
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (answers.get() < target && failures.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(answers.get()).as("answers after it; failures: %s", failures).isGreaterThanOrEqualTo(target);
  }

  /** Stops asking; fails unless every request was answered 200 within 10 s, and some were. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    asker.join(PATIENCE.toMillis() * 2);
    assertThat(failures).as("answers that did not come, or were not 200").isEmpty();
    assertThat(answers.get()).as("answers while it ran").isPositive();
  }
}
