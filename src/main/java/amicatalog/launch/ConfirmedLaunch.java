package amicatalog.launch;

import amicatalog.actions.LaunchLog;
import amicatalog.actions.ActionClaims;
import amicatalog.db.Database;
import amicatalog.web.AppContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs a confirmed launch at most once per confirmation. The launch log's unique client token
 * decides which request calls EC2; the same token sent to EC2 covers what the log cannot see
 * (a call that started instances but whose answer was lost is answered again, not repeated).
 */
final class ConfirmedLaunch {
  /** How long a second submit waits for the first to finish, to show its result rather than "starting". */
  private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(10);

  private ConfirmedLaunch() {}

  /** The log entry the launch ended as, and the refusal when EC2 refused it. */
  record Outcome(long logId, Verdict refusal) {}

  static Outcome start(AppContext app, String who, LaunchImage image, LaunchRequest request, String nonce) {
    Database db = app.db();
    String token = request.clientToken(nonce);
    Optional<Long> claimed = LaunchLog.claim(db, who, request.region(), request.imageId(), request.json(), token);
    long id;
    if (claimed.isPresent()) {
      id = claimed.get();
    } else {
      LaunchLog.Entry earlier = LaunchLog.byToken(db, token).orElseThrow();
      // A failed attempt may be tried again with the same token; anything else is shown as it is.
      if (!LaunchLog.FAILED.equals(earlier.status()) || !ActionClaims.retry(db, token)) {
        return new Outcome(LaunchLog.awaitSettled(db, earlier.id(), WAIT_FOR_FIRST).id(), null);
      }
      id = earlier.id();
    }
    try {
      List<StartedInstance> started = Ec2Launch.run(app.aws().ec2(request.region()), request, token);
      LaunchLog.started(db, id, started);
      return new Outcome(id, null);
    } catch (SdkException e) {
      Verdict refusal = AwsErrors.verdict(e, request.region(), image.marketplaceCodes());
      LaunchLog.failed(db, id, refusal.message());
      return new Outcome(id, refusal);
    } catch (RuntimeException e) {
      LaunchLog.failed(db, id, "The launch stopped with an unexpected error; the server log has the details.");
      throw e;
    }
  }
}
