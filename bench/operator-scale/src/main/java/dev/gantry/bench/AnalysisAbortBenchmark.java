package dev.gantry.bench;

import dev.gantry.operator.analysis.PrometheusClient;
import dev.gantry.operator.analysis.Queries;
import dev.gantry.operator.api.Analysis.MetricsSource;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.OperatorProcess;
import dev.gantry.operator.testing.PrometheusServer;
import dev.gantry.operator.testing.StandInService;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.awaitility.Awaitility;

/**
 * Seconds from the moment a canary's error rate crosses the analysis threshold in Prometheus to the
 * VirtualService sending all traffic to stable, with the packaged operator, a real Prometheus and
 * stand-in revisions. Target: at most one analysis interval + 2 s.
 *
 * <p>Arguments: rounds (default 5) and the analysis interval (default 5s).
 */
public final class AnalysisAbortBenchmark {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String interval = args.length > 1 ? args[1] : "5s";
    LocalCluster cluster = LocalCluster.dedicated("bench-analysis");
    cluster.installThirdPartyCrds();
    Microservices services = new Microservices(cluster, cluster.createNamespace("analysis"));
    String namespace = services.namespace();
    String spec =
        """
        image: shop/order:%s
        replicas: 1
        rollout:
          strategy: Canary
          canary:
            steps: [{setWeight: 20}, {pause: {}}]
            analysis:
              interval: %s
              failureLimit: 0
              minRequests: 10
              metrics: [{name: request-success-rate, thresholdRange: {min: 99}}]
        """;
    PrometheusClient client =
        new PrometheusClient(
            new PrometheusClient.Limits(
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                PrometheusClient.Limits.DEFAULTS.maxResponseBytes()));
    List<Double> seconds = new ArrayList<>();
    try (PrometheusServer prometheus = PrometheusServer.start(List.of());
        OperatorProcess operator =
            OperatorProcess.start(
                cluster,
                namespace,
                Files.createTempFile("gantry-bench-analysis", ".log"),
                Map.of(
                    "GANTRY_PROMETHEUS_URL",
                    prometheus.url(),
                    "GANTRY_METRICS_SOURCE",
                    "Micrometer",
                    "GANTRY_ANALYSIS_MIN_INTERVAL",
                    "1s",
                    "MALLOC_ARENA_MAX",
                    "2"),
                OperatorScaleBenchmark.jvmOptions())) {
      for (int round = 0; round < rounds; round++) {
        String name = "svc-" + round;
        try (var stable = new StandInService(0, 2, 50);
            var canary = new StandInService(0, 2, 50)) {
          services.create(name, spec.formatted("1", interval));
          String stableRevision =
              services
                  .await(name, "healthy", Duration.ofSeconds(120), s -> s.phase() == Phase.Healthy)
                  .stableRevision();
          services.edit(name, spec.formatted("2", interval));
          String canaryRevision =
              services.await(name, "canary", s -> s.canaryRevision() != null).canaryRevision();
          prometheus.scrape(
              List.of(
                  new PrometheusServer.Target(stable.address(), namespace, name, stableRevision),
                  new PrometheusServer.Target(canary.address(), namespace, name, canaryRevision)));
          services.await(
              name,
              "a passing check",
              Duration.ofSeconds(120),
              s -> s.analysis() != null && "Pass".equals(s.analysis().verdict()));

          canary.behave(0.5, 2);
          String query =
              Queries.builtIn(
                  new dev.gantry.operator.api.AnalysisMetric(
                      "request-success-rate",
                      null,
                      null,
                      new dev.gantry.operator.api.AnalysisMetric.ThresholdRange(99.0, null),
                      null),
                  MetricsSource.Micrometer,
                  new Queries.Target(namespace, name, canaryRevision, interval));
          long[] crossed = new long[1];
          Awaitility.await("error rate crosses 99% in Prometheus")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(50))
              .until(
                  () -> {
                    OptionalDouble value = client.query(prometheus.url(), query);
                    if (value.isPresent() && value.getAsDouble() < 99) {
                      crossed[0] = System.nanoTime();
                      return true;
                    }
                    return false;
                  });
          Awaitility.await("all traffic back on stable")
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> services.canaryWeight(name) == 0);
          double s = (System.nanoTime() - crossed[0]) / 1e9;
          seconds.add(s);
          System.out.printf("round %d: %.2f s from crossing to 100%% stable%n", round + 1, s);
        }
      }
    }
    Collections.sort(seconds);
    System.out.println();
    System.out.printf(
        "threshold crossed in Prometheus -> VirtualService 100%% stable, %d rounds, interval %s%n",
        rounds, interval);
    System.out.printf(
        "  median %.2f s   max %.2f s   (target <= interval + 2 s = %.0f s)%n",
        seconds.get(seconds.size() / 2),
        seconds.get(seconds.size() - 1),
        dev.gantry.operator.api.Durations.parse(interval).toSeconds() + 2.0);
    System.exit(0);
  }
}
