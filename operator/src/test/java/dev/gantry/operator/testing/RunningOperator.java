package dev.gantry.operator.testing;

import dev.gantry.operator.GantryOperator;
import dev.gantry.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** The operator in the test's JVM, with its own identity, watching the test's namespaces. */
public final class RunningOperator implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final GantryOperator operator;
  private final KubernetesClient client;

  private RunningOperator(GantryOperator operator, KubernetesClient client) {
    this.operator = operator;
    this.client = client;
  }

  /** Starts an operator; {@code settings} are environment variables as the chart would set them. */
  public static RunningOperator start(
      LocalCluster cluster, String namespace, Map<String, String> settings) {
    return startWith(LocalCluster.client(cluster.operatorKubeconfig()), namespace, settings);
  }

  /**
   * Starts an operator that talks to the API server through {@code client}, for example as the Helm
   * chart's ServiceAccount (impersonation); the operator closes the client.
   */
  public static RunningOperator startWith(
      KubernetesClient client, String namespace, Map<String, String> settings) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "GANTRY_WATCH_NAMESPACES",
                namespace,
                "GANTRY_LEASE_NAMESPACE",
                namespace,
                "GANTRY_METRICS_PORT",
                "0",
                "GANTRY_ALLOWED_DOMAINS",
                LocalCluster.ALLOWED_DOMAINS,
                "GANTRY_KAFKA_TOPICS",
                LocalCluster.KAFKA_TOPICS));
    env.putAll(settings);
    try {
      GantryOperator operator = new GantryOperator(OperatorConfig.from(env::get), client);
      operator.start();
      return new RunningOperator(operator, client);
    } catch (IOException e) {
      client.close();
      throw new UncheckedIOException(e);
    }
  }

  public static RunningOperator start(LocalCluster cluster, String namespace) {
    return start(cluster, namespace, Map.of());
  }

  /** The operator's {@code /metrics} text. */
  public String metrics() {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + operator.httpPort() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The sum of a counter's samples whose labels contain every one of {@code labels}. */
  public double counter(String name, String... labels) {
    double sum = 0;
    for (String line : metrics().split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      boolean matches = true;
      for (String label : labels) {
        matches &= line.contains(label);
      }
      if (matches) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  @Override
  public void close() {
    operator.close();
    client.close();
  }
}
