package dev.gantry.operator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An HTTP process standing in for one revision of a service: it answers {@code GET /} with a
 * controllable error rate and latency (it really waits), exposes Micrometer-style request metrics
 * at {@code /prometheus}, and drives its own load at a controllable rate.
 */
public final class StandInService implements AutoCloseable {

  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final HttpServer server;
  private final ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
  private volatile double errorRate;
  private volatile long latencyMillis;
  private volatile double requestsPerSecond;
  private long ok;
  private long failed;
  private double sumSeconds;

  public StandInService(double errorRate, long latencyMillis, double requestsPerSecond) {
    this.errorRate = errorRate;
    this.latencyMillis = latencyMillis;
    this.requestsPerSecond = requestsPerSecond;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(64));
    server.createContext("/prometheus", this::metrics);
    server.createContext("/", this::serve);
    server.start();
    load.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
  }

  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public void behave(double newErrorRate, long newLatencyMillis) {
    errorRate = newErrorRate;
    latencyMillis = newLatencyMillis;
  }

  public void load(double newRequestsPerSecond) {
    requestsPerSecond = newRequestsPerSecond;
  }

  private double carry;

  /** Sends this tenth of a second's share of requests, without waiting for the answers. */
  private void tick() {
    carry += requestsPerSecond / 10;
    while (carry >= 1) {
      carry -= 1;
      HTTP.sendAsync(
          HttpRequest.newBuilder(URI.create("http://" + address() + "/")).build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try {
      Thread.sleep(latencyMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean error = ThreadLocalRandom.current().nextDouble() < errorRate;
    exchange.sendResponseHeaders(error ? 500 : 200, -1);
    exchange.close();
    double seconds = (System.nanoTime() - start) / 1e9;
    synchronized (this) {
      if (error) {
        failed++;
      } else {
        ok++;
      }
      sumSeconds += seconds;
    }
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        buckets.incrementAndGet(i);
      }
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    StringBuilder out = new StringBuilder();
    long okCount;
    long failedCount;
    double sum;
    synchronized (this) {
      okCount = ok;
      failedCount = failed;
      sum = sumSeconds;
    }
    out.append("# TYPE http_server_requests_seconds histogram\n");
    for (int i = 0; i < BUCKETS.length; i++) {
      out.append(
          String.format(
              Locale.ROOT,
              "http_server_requests_seconds_bucket{method=\"GET\",uri=\"/\",le=\"%s\"} %d%n",
              BUCKETS[i],
              buckets.get(i)));
    }
    long total = okCount + failedCount;
    out.append("http_server_requests_seconds_bucket{method=\"GET\",uri=\"/\",le=\"+Inf\"} ")
        .append(total)
        .append('\n');
    out.append("http_server_requests_seconds_count{method=\"GET\",uri=\"/\",status=\"200\"} ")
        .append(okCount)
        .append('\n');
    out.append("http_server_requests_seconds_count{method=\"GET\",uri=\"/\",status=\"500\"} ")
        .append(failedCount)
        .append('\n');
    out.append(
        String.format(
            Locale.ROOT, "http_server_requests_seconds_sum{method=\"GET\",uri=\"/\"} %f%n", sum));
    byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(body);
    }
  }

  @Override
  public void close() {
    load.shutdownNow();
    server.stop(0);
  }
}
