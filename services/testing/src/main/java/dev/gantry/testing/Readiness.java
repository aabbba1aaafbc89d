package dev.gantry.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits for a server the tests started to answer: polls a probe until it says ready, and gives up
 * at once when the server's process has died instead of waiting out the timeout.
 */
final class Readiness {
  /** One look at the server; an {@link IOException} means "not listening yet". */
  @FunctionalInterface
  interface Probe {
    boolean ready() throws IOException, InterruptedException;
  }

  private Readiness() {}

  /**
   * @param process the server's process, or null when it runs in this JVM
   * @param where where to look when it fails (a log file), or null
   */
  static void await(
      String what,
      Duration timeout,
      Duration interval,
      Process process,
      Object where,
      Probe probe) {
    String see = where == null ? "" : "; see " + where;
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (process != null && !process.isAlive()) {
          throw new IllegalStateException(what + " exited with " + process.exitValue() + see);
        }
        try {
          if (probe.ready()) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(interval.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + what, e);
    }
    throw new IllegalStateException(what + " not ready after " + timeout + see);
  }

  /** Ready when a GET answers 200 with a body the predicate accepts. */
  static Probe http(URI uri, Duration requestTimeout, Predicate<String> body) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).build();
    return () -> {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && body.test(response.body());
    };
  }

  /** Ready when something accepts connections on the loopback port. */
  static Probe listening(int port) {
    return () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      }
    };
  }
}
