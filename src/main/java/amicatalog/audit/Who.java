package amicatalog.audit;

import amicatalog.web.AppContext;
import io.javalin.http.Context;
import software.amazon.awssdk.core.exception.SdkException;

/** Who asked, for the log: the AWS identity that acts, and the browser's address. */
final class Who {
  private Who() {}

  static String of(Context ctx, AppContext app) {
    String identity;
    try {
      identity = app.aws().callerArn();
    } catch (SdkException e) {
      identity = "an unknown AWS identity";
    }
    return identity + " from " + ctx.ip();
  }
}
