package amicatalog.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Whether serve can listen where it was told, said in words before anything is loaded. */
final class Listening {
  private Listening() {}

  static void check(String host, int port) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host: '" + host + "' is not a name this machine can resolve");
    }
    if (port == 0) return;
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(address, port));
    } catch (BindException e) {
      String why = e.getMessage() == null ? "" : e.getMessage();
      if (why.contains("assign")) {
        throw new IllegalArgumentException("--host " + host + " is not an address of this machine (" + address.getHostAddress() + ")");
      }
      throw new IllegalArgumentException("port " + port + " on " + host + " is already in use: stop what uses it, or choose"
          + " another with --port");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }
}
