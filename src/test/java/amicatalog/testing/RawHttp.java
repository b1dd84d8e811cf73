package amicatalog.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A request written by hand, as a rebound page's browser would send it: any Host, any headers. */
public final class RawHttp {
  private RawHttp() {}

  /**
   * Sends {@code head} (request line and headers, each ending CRLF) and a body, and reads the whole
   * answer. The body is written while the answer is read, as a browser does: a server that refuses a
   * large body answers and closes before reading it, and an answer left unread until the body is
   * written can be lost to the reset that closing with unread bytes causes.
   */
  public static String send(TestApp app, String head, String body) {
    String requestLine = head.lines().findFirst().orElse("");
    try (Socket s = new Socket("127.0.0.1", app.base.getPort())) {
      s.setSoTimeout(20_000);
      String length = body.isEmpty() ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
      byte[] request = (head + length + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
      Thread writer = new Thread(() -> write(s, request), "raw-http-writer");
      writer.start();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) answer.write(buffer, 0, n);
      } catch (SocketException reset) {
        if (answer.size() == 0) throw new IllegalStateException("no answer to " + abbreviated(requestLine) + ": " + reset, reset);
      }
      writer.join();
      if (answer.size() == 0) throw new IllegalStateException("the server closed without answering " + abbreviated(requestLine));
      return answer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(abbreviated(requestLine) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(Socket s, byte[] request) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
    } catch (IOException answeredEarly) {
      // The server refused before reading a large body and closed its side: its answer is read all the same.
    }
  }

  private static String abbreviated(String line) {
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }

  public static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }
}
