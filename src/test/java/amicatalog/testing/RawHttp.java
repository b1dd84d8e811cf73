package amicatalog.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A request written by hand, as a rebound page's browser would send it: any Host, any headers. */
public final class RawHttp {
  private RawHttp() {}

  /** Sends {@code head} (request line and headers, each ending CRLF) and a body, and reads the whole answer. */
  public static String send(TestApp app, String head, String body) {
    try (Socket s = new Socket("127.0.0.1", app.base.getPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      String length = body.isEmpty() ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
      try {
        out.write((head + length + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (java.net.SocketException answeredEarly) {
        // The server refused before reading a large body and closed its side: its answer is still there.
      }
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }
}
