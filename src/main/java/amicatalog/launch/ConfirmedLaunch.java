package amicatalog.launch;

import amicatalog.actions.LaunchLog;
import amicatalog.actions.StartedInstance;
import amicatalog.db.Database;
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

  static Outcome start(Database db, amicatalog.aws.AwsAccess aws, String who, LaunchImage image, LaunchRequest request, String nonce) {
    String token = request.clientToken(nonce);
    Optional<Long> claimed = LaunchLog.claim(db, who, request.region(), request.imageId(), request.json(), token);
    if (claimed.isEmpty()) {  // another submit of this confirmation has it: show how that one went
      long earlier = LaunchLog.byToken(db, token).orElseThrow().id();
      return new Outcome(LaunchLog.awaitSettled(db, earlier, WAIT_FOR_FIRST).id(), null);
    }
    long id = claimed.get();
    try {
      List<StartedInstance> started = Ec2Launch.run(aws.ec2(request.region()), request, token);
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
