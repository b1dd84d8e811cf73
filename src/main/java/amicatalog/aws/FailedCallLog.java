package amicatalog.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * One log line per AWS call that failed in the end (after the SDK's retries), with who caused it
 * and the id of the request or sync run that made it (the {@link #USER} and {@link #REQUEST} of
 * SLF4J's MDC, set by the request log and the indexer), so that a user's report, a line of the
 * request log and EC2's own request id can be put together.
 */
public final class FailedCallLog implements ExecutionInterceptor {
  /** MDC keys: the signed-in user (or what started a sync), and the request or sync-run id. */
  public static final String USER = "user";
  public static final String REQUEST = "request";

  private static final Logger log = LoggerFactory.getLogger("amicatalog.aws");

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable error = context.exception();
    String code = null, reason = null, awsRequestId = null;
    if (error instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      code = e.awsErrorDetails().errorCode();
      reason = code + ": " + firstLine(e.awsErrorDetails().errorMessage());
      awsRequestId = e.requestId();
    }
    if ("DryRunOperation".equals(code)) return;  // how EC2 says a dry run would have succeeded
    var region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    log.warn("AWS call failed: {} {} in {}: {} user={} id={} aws-request-id={}",
        attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
        region == null ? "-" : region.id(),
        reason != null ? reason : error.getClass().getSimpleName() + ": " + firstLine(error.getMessage()),
        orDash(MDC.get(USER)), orDash(MDC.get(REQUEST)), orDash(awsRequestId));
  }

  private static String firstLine(String message) {
    if (message == null) return "";
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
