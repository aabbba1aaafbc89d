package dev.gantry.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real Prometheus (the Debian package's binary) on loopback, scraping static targets every
 * second. Targets carry the labels the operator's queries select on; they can be replaced while it
 * runs, and the server stopped and started again on the same port and data.
 */
public final class PrometheusServer implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path dir;
  private final int port;
  private Process process;

  /** One scrape target and the labels its samples get. */
  public record Target(String address, String namespace, String service, String revision) {}

  private PrometheusServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static PrometheusServer start(List<Target> targets) {
    try {
      Path dir = Files.createTempDirectory("gantry-prometheus");
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      PrometheusServer server = new PrometheusServer(dir, port);
      server.writeConfig(targets);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Replaces the scrape targets and reloads the configuration. */
  public void scrape(List<Target> targets) {
    writeConfig(targets);
    post("/-/reload");
  }

  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void restart() {
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  private void launch() {
    try {
      process =
          new ProcessBuilder(
                  binary(),
                  "--config.file=" + dir.resolve("prometheus.yml"),
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--web.enable-lifecycle",
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Prometheus (Debian package prometheus)", e);
    }
    Awaitility.await("Prometheus ready")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                HTTP.send(
                            HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  private static String binary() {
    String configured = System.getenv("GANTRY_PROMETHEUS_BINARY");
    if (configured != null) {
      return configured;
    }
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, "prometheus"))) {
        return Path.of(dir, "prometheus").toString();
      }
    }
    return "/usr/bin/prometheus";
  }

  private void writeConfig(List<Target> targets) {
    StringBuilder yaml =
        new StringBuilder(
            """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
        - job_name: services
          metrics_path: /prometheus
          static_configs:
        """);
    for (Target t : targets) {
      yaml.append("  - targets: ['")
          .append(t.address())
          .append("']\n")
          .append("    labels: {namespace: '")
          .append(t.namespace())
          .append("', service: '")
          .append(t.service())
          .append("', revision: '")
          .append(t.revision())
          .append("'}\n");
    }
    try {
      Files.writeString(dir.resolve("prometheus.yml"), yaml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void post(String path) {
    try {
      HTTP.send(
          HttpRequest.newBuilder(URI.create(url() + path))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
