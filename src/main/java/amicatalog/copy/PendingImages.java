package amicatalog.copy;

import amicatalog.actions.ActionLog;
import amicatalog.actions.Changes;
import amicatalog.aws.Ec2Errors;
import amicatalog.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Follows the images that copies and create-image started until EC2 says how they ended: asked
 * right after each confirmed request, then every few seconds in the background while any is
 * pending, so that /audit/copies only reads.
 */
public final class PendingImages implements AutoCloseable {
  private static final Duration EVERY = Duration.ofSeconds(5);
  /** After this long EC2 should know an image it named; if it does not, the copy failed. */
  private static final Duration LOST_AFTER = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(PendingImages.class);

  private final Database db;
  private final Changes changes;
  private volatile String problem;
  private ScheduledExecutorService timer;

  public PendingImages(Database db, Changes changes) {
    this.db = db;
    this.changes = changes;
  }

  /** Starts the background checks (nothing to do without AWS access). */
  public synchronized void start() {
    if (changes.offReason() != null || timer != null) return;
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pending-images");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        check();
      } catch (RuntimeException e) {
        problem = "The catalog could not follow the pending images: " + e.getMessage();
        log.warn("checking pending images failed", e);
      }
    }, EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  /** What stood in the way at the last check (EC2 refused or unreachable), or null. */
  String problem() {
    return problem;
  }

  /** Asks EC2 how the pending images are doing (one DescribeImages per region), and records how they ended. */
  synchronized void check() {
    if (changes.aws() == null) return;
    // By account (the one each action acted in: its request's "account", else the home account) and region.
    Map<List<String>, List<ActionLog.Entry>> byRegion = ActionLog.pending(db).stream()
        .filter(e -> e.newImageId() != null).collect(Collectors.groupingBy(e -> java.util.Arrays.asList(account(e), e.region())));
    List<String> problems = new ArrayList<>();
    byRegion.forEach((key, entries) -> {
      String region = key.get(1);
      try {
        amicatalog.aws.AwsAccess aws = key.get(0) == null ? changes.aws() : changes.aws(key.get(0));
        Map<String, Ec2Images.ImageState> states = Ec2Images.states(aws, region,
            entries.stream().map(ActionLog.Entry::newImageId).toList());
        for (ActionLog.Entry e : entries) settle(e, states.get(e.newImageId()));
      } catch (SdkException ex) {
        problems.add(Ec2Errors.describe(ex, region, "tell how the new images are doing"));
      } catch (IllegalArgumentException ex) {  // an account the catalog no longer lists
        problems.add(ex.getMessage() + ".");
      }
    });
    problem = problems.isEmpty() ? null : String.join(" ", problems);
  }

  /** The account an action acted in (its request's "account"), or null for the home account (actions from before accounts). */
  static String account(ActionLog.Entry e) {
    if (e.request() == null) return null;
    var a = amicatalog.common.Json.read(e.request()).get("account");
    return a == null || a.isNull() || a.asText().isEmpty() ? null : a.asText();
  }

  private void settle(ActionLog.Entry e, Ec2Images.ImageState s) {
    switch (s.state()) {
      case "available" -> ActionLog.settle(db, e, ActionLog.AVAILABLE, s.state(), null);
      case "pending" -> { /* still being made */ }
      case "missing" -> {
        if (Instant.parse(e.createdAt()).plus(LOST_AFTER).isBefore(Instant.now())) {
          ActionLog.settle(db, e, ActionLog.FAILED, null, "EC2 no longer knows " + e.newImageId() + ": it was deregistered or its creation failed.");
        }
      }
      default -> ActionLog.settle(db, e, ActionLog.FAILED, s.state(),
          "EC2 says the image is " + s.state() + (s.reason() == null ? "." : ": " + s.reason()));
    }
  }


  @Override
  public synchronized void close() {
    if (timer != null) timer.shutdownNow();
    timer = null;
  }
}
