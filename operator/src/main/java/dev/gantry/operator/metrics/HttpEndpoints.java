package dev.gantry.operator.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The operator's HTTP port: {@code /metrics} for Prometheus, {@code /healthz} for the liveness
 * probe (the operator runs and its watches are healthy) and {@code /readyz} for readiness (started;
 * a replica waiting for leadership is ready too).
 */
public final class HttpEndpoints implements AutoCloseable {

  private final HTTPServer server;

  public HttpEndpoints(
      int port, CollectorRegistry registry, BooleanSupplier live, BooleanSupplier ready)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(port), 16);
    http.createContext("/healthz", exchange -> answer(exchange, live.getAsBoolean()));
    http.createContext("/readyz", exchange -> answer(exchange, ready.getAsBoolean()));
    server = new HTTPServer.Builder().withHttpServer(http).withRegistry(registry).build();
  }

  public int port() {
    return server.getPort();
  }

  private static void answer(HttpExchange exchange, boolean ok) throws IOException {
    byte[] body = (ok ? "ok\n" : "not ok\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(ok ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
