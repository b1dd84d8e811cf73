package amicatalog.web;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Jetty's own error answers (sent before Javalin sees the request) with the same security headers as ours. */
public final class JettyErrors extends ErrorHandler {
  public JettyErrors() {
    setShowStacks(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Security.HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
    return super.handle(request, response, callback);
  }
}
