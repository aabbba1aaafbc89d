package dev.gantry.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.PrometheusServer;
import dev.gantry.operator.testing.RunningOperator;
import dev.gantry.operator.testing.StandInService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Canary analysis against a real Prometheus scraping real HTTP processes that stand in for the
 * stable and canary revisions, with the operator on the local control plane.
 */
class CanaryAnalysisIT {

  private static final String SPEC =
      """
      image: shop/order:%s
      replicas: 2
      rollout:
        strategy: Canary
        canary:
          scaleDownDelaySeconds: 1
          steps: [{setWeight: 20}, {setWeight: 50}]
          analysis:
            interval: 3s
            failureLimit: 1
            minRequests: 20
            inconclusiveLimit: 3
            metrics:
            - name: request-success-rate
              thresholdRange: {min: 99}
              relativeToStable: {maxDecrease: 0.5}
            - name: request-duration
              thresholdRange: {max: 150}
      """;

  private static LocalCluster cluster;
  private static Microservices services;
  private static PrometheusServer prometheus;
  private static RunningOperator operator;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.shared();
    services = new Microservices(cluster, cluster.createNamespace("analysis"));
    prometheus = PrometheusServer.start(List.of());
    operator =
        RunningOperator.start(
            cluster,
            services.namespace(),
            Map.of(
                "GANTRY_PROMETHEUS_URL", prometheus.url(),
                "GANTRY_METRICS_SOURCE", "Micrometer",
                // Checks every 3 seconds keep the test short; the platform's default minimum is 10.
                "GANTRY_ANALYSIS_MIN_INTERVAL", "1s"));
  }

  @AfterAll
  static void stop() {
    operator.close();
    prometheus.close();
  }

  @Test
  void healthyCanaryIsPromoted() {
    try (var stable = new StandInService(0, 5, 60);
        var canary = new StandInService(0, 5, 60)) {
      MicroserviceStatus done =
          rollOut(
              "healthy",
              stable,
              canary,
              s ->
                  s.phase() == Phase.Healthy
                      && s.canaryRevision() == null
                      && s.previousRevision() != null);
      assertThat(done.analysis().verdict()).isEqualTo("Pass");
      assertThat(done.analysis().measurements())
          .extracting(m -> m.metric())
          .containsExactly("request-success-rate", "request-duration");
      assertThat(done.analysis().measurements())
          .allSatisfy(
              m -> {
                assertThat(m.query()).contains("revision=\"");
                assertThat(m.value()).isNotNull();
                assertThat(m.threshold()).isNotBlank();
                assertThat(m.verdict()).isEqualTo("Pass");
              });
      cluster.awaitEvent(services.namespace(), "healthy", "AnalysisPass");
      assertThat(operator.counter("gantry_analysis_checks_total", "verdict=\"Pass\""))
          .isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void failingCanaryIsAbortedWithinFailureLimitTimesInterval() {
    try (var stable = new StandInService(0, 5, 60);
        var canary = new StandInService(0.2, 5, 60)) {
      Instant[] weighted = new Instant[1];
      MicroserviceStatus aborted =
          rollOut(
              "failing",
              stable,
              canary,
              s -> {
                if (weighted[0] == null && s.canaryWeight() != null && s.canaryWeight() > 0) {
                  weighted[0] = Instant.now();
                }
                return s.phase() == Phase.Aborted;
              });
      // failureLimit 1: the second failed check aborts, two intervals after traffic reached the
      // canary.
      assertThat(Duration.between(weighted[0], Instant.now()))
          .isLessThan(Duration.ofSeconds(2 * 3 + 5));
      assertThat(aborted.message())
          .contains("aborted by analysis")
          .contains("below the minimum 99");
      services.awaitCanaryWeight("failing", 0);
      cluster.awaitEvent(services.namespace(), "failing", "AnalysisFail");
    }
  }

  @Test
  void slowCanaryIsAbortedOnLatency() {
    try (var stable = new StandInService(0, 5, 40);
        var canary = new StandInService(0, 300, 40)) {
      MicroserviceStatus aborted = rollOut("slow", stable, canary, s -> s.phase() == Phase.Aborted);
      assertThat(aborted.message()).contains("request-duration").contains("above the maximum 150");
    }
  }

  @Test
  void lowTrafficStaysInconclusiveAndPauses() {
    try (var stable = new StandInService(0, 5, 60);
        var canary = new StandInService(0, 5, 1)) {
      MicroserviceStatus paused =
          rollOut(
              "quiet",
              SPEC.replace("inconclusiveLimit: 3", "inconclusiveLimit: 1"),
              stable,
              canary,
              s -> s.phase() == Phase.Paused,
              Duration.ofSeconds(60));
      assertThat(paused.message())
          .contains("paused by analysis")
          .contains("requests in the window, 20 needed");
      assertThat(paused.stableRevision()).isNotEqualTo(paused.canaryRevision());
      assertThat(paused.analysis().verdict()).isEqualTo("Inconclusive");
    }
  }

  @Test
  void worseThanStableIsCaughtByTheRelativeLimit() {
    // About 97% passes a static minimum of 90, but is more than 0.5 points below a perfect stable.
    try (var stable = new StandInService(0, 5, 80);
        var canary = new StandInService(0.03, 5, 80)) {
      MicroserviceStatus aborted =
          rollOut(
              "relative",
              SPEC.replace("min: 99", "min: 90"),
              stable,
              canary,
              s -> s.phase() == Phase.Aborted,
              Duration.ofSeconds(90));
      assertThat(aborted.message()).contains("below the stable revision's");
    }
  }

  @Test
  void prometheusStoppedMidAnalysisNeverPromotes() {
    try (var stable = new StandInService(0, 5, 60);
        var canary = new StandInService(0, 5, 60)) {
      MicroserviceStatus first =
          rollOut(
              "blind",
              stable,
              canary,
              s ->
                  s.analysis() != null
                      && "Pass".equals(s.analysis().verdict())
                      && Integer.valueOf(50).equals(s.canaryWeight()));
      prometheus.stop();
      try {
        MicroserviceStatus paused =
            services.await(
                "blind",
                "paused without Prometheus",
                Duration.ofSeconds(60),
                s -> s.phase() == Phase.Paused);
        assertThat(paused.canaryRevision()).as("not promoted").isEqualTo(first.canaryRevision());
        assertThat(paused.message()).contains("Prometheus could not be asked");
      } finally {
        prometheus.restart();
      }
    }
  }

  /**
   * Deploys revision 1, points Prometheus at the stand-ins, rolls out revision 2, awaits the
   * condition.
   */
  private static MicroserviceStatus rollOut(
      String name,
      StandInService stable,
      StandInService canary,
      java.util.function.Predicate<MicroserviceStatus> until) {
    return rollOut(name, SPEC, stable, canary, until, Duration.ofSeconds(60));
  }

  private static MicroserviceStatus rollOut(
      String name,
      String spec,
      StandInService stable,
      StandInService canary,
      java.util.function.Predicate<MicroserviceStatus> until,
      Duration atMost) {
    services.create(name, spec.formatted("1"));
    String stableRevision =
        services.await(name, "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
    services.edit(name, spec.formatted("2"));
    String canaryRevision =
        services.await(name, "canary", s -> s.canaryRevision() != null).canaryRevision();
    prometheus.scrape(
        List.of(
            new PrometheusServer.Target(
                stable.address(), services.namespace(), name, stableRevision),
            new PrometheusServer.Target(
                canary.address(), services.namespace(), name, canaryRevision)));
    return services.await(name, "analysed", atMost, until);
  }
}
