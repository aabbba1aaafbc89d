package dev.gantry.operator.reconcile;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.analysis.PrometheusClient;
import dev.gantry.operator.analysis.Queries;
import dev.gantry.operator.analysis.Reading;
import dev.gantry.operator.analysis.Schedule;
import dev.gantry.operator.analysis.Verdicts;
import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.AnalysisMetric;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.config.OperatorConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Measures a canary in Prometheus when a check is due: the shell around the pure verdicts. A
 * Prometheus that cannot be reached makes the check inconclusive, never a pass.
 */
final class CanaryAnalysis {

  private final OperatorConfig config;
  private final PrometheusClient prometheus;

  CanaryAnalysis(OperatorConfig config, PrometheusClient prometheus) {
    this.config = config;
    this.prometheus = prometheus;
  }

  Optional<Check> runIfDue(Microservice ms, Instant now) {
    MicroserviceStatus status = Objects.requireNonNullElse(ms.getStatus(), MicroserviceStatus.EMPTY);
    Analysis analysis = analysisOf(ms);
    Optional<Instant> due = Schedule.nextCheck(analysis, status);
    if (due.isEmpty() || now.isBefore(due.get())) {
      return Optional.empty();
    }
    String url = analysis.prometheusUrl() != null ? analysis.prometheusUrl() : config.prometheusUrl();
    Analysis.MetricsSource source = analysis.source() != null ? analysis.source() : config.metricsSource();
    String namespace = ms.getMetadata().getNamespace();
    String name = ms.getMetadata().getName();
    var canary = new Queries.Target(namespace, name, status.canaryRevision(), analysis.interval());
    var stable = new Queries.Target(namespace, name, status.stableRevision(), analysis.interval());

    Double requests = null;
    String requestsError = null;
    try {
      OptionalDouble count = prometheus.query(url, Queries.requests(source, canary));
      requests = count.isPresent() ? count.getAsDouble() : null;
    } catch (PrometheusClient.QueryException e) {
      requestsError = e.getMessage();
    }
    List<Reading> readings = new ArrayList<>();
    for (AnalysisMetric metric : analysis.metrics()) {
      String query = Queries.of(metric, source, canary);
      try {
        Double value = value(prometheus.query(url, query));
        Double stableValue = metric.relativeToStable() == null ? null
            : value(prometheus.query(url, Queries.of(metric, source, stable)));
        readings.add(new Reading(metric.name(), query, value, stableValue, null));
      } catch (PrometheusClient.QueryException e) {
        readings.add(new Reading(metric.name(), query, null, null, e.getMessage()));
      }
    }
    return Optional.of(Verdicts.judge(analysis, readings, requests, requestsError, now, status.canaryRevision(),
        status.canaryWeight()));
  }

  static Analysis analysisOf(Microservice ms) {
    var canary = ms.getSpec().rollout().canary();
    return canary == null ? null : canary.analysis();
  }

  private static Double value(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }
}
