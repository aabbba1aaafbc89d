package dev.gantry.operator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Something at a Prometheus address that answers every query badly: with an endless answer one byte
 * a second, or with a valid-looking answer of 50 MB. It counts the queries it got and the
 * connections still open, so a test can see a check was in flight and was given up.
 */
public final class MisbehavingPrometheus implements AutoCloseable {

  /** How it answers. */
  public enum Behaviour {
    /** Headers at once, then one byte of body a second, forever. */
    OneBytePerSecond,
    /** A 50 MB JSON answer, as fast as the client reads. */
    FiftyMegabytes
  }

  private static final int FIFTY_MB = 50 * 1024 * 1024;

  private final ServerSocket socket;
  private final Behaviour behaviour;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger queries = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();

  public MisbehavingPrometheus(Behaviour behaviour) {
    this.behaviour = behaviour;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::accept);
  }

  public String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  public int queries() {
    return queries.get();
  }

  /** Connections whose client has not hung up yet. */
  public int openConnections() {
    return open.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        threads.execute(() -> answer(connection));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void answer(Socket connection) {
    open.incrementAndGet();
    try (connection;
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream()) {
      readRequest(in);
      queries.incrementAndGet();
      if (behaviour == Behaviour.OneBytePerSecond) {
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // A read that returns -1 (or fails) within the second is the client hanging up.
        connection.setSoTimeout(1000);
        while (true) {
          out.write(' ');
          out.flush();
          try {
            if (in.read() < 0) {
              return;
            }
          } catch (SocketTimeoutException stillThere) {
            // One second passed with the client still connected: the next byte.
          }
        }
      }
      String head = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[";
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + FIFTY_MB
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      byte[] padding = new byte[64 * 1024];
      Arrays.fill(padding, (byte) ' ');
      for (int written = head.length(); written < FIFTY_MB; written += padding.length) {
        out.write(padding, 0, Math.min(padding.length, FIFTY_MB - written));
      }
    } catch (IOException hungUp) {
      // The client gave up: what a bounded client does.
    } finally {
      open.decrementAndGet();
    }
  }

  /** Reads request headers and a body of Content-Length bytes. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder headers = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      headers.append((char) c);
      if (headers.length() >= 4 && headers.substring(headers.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    for (String line : headers.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    threads.shutdownNow();
  }
}
