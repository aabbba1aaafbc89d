package dev.gantry.operator.metrics;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Phase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's metrics: reconciliations by outcome, their duration, failures by cause, and
 * Microservices by phase.
 */
public final class OperatorMetrics implements Metrics {

  private final Counter reconciliations;
  private final Counter failures;
  private final Histogram duration;
  private final Counter events;
  private final Map<ResourceID, Phase> phases = new ConcurrentHashMap<>();
  private final Counter checks;
  private final Gauge measurements;

  public OperatorMetrics(CollectorRegistry registry) {
    reconciliations =
        Counter.build(
                "gantry_reconciliations_total",
                "Reconciliations finished, by controller, operation (reconcile, cleanup) and outcome.")
            .labelNames("controller", "operation", "outcome")
            .register(registry);
    failures =
        Counter.build(
                "gantry_reconciliation_failures_total",
                "Reconciliations that threw, by controller and exception type.")
            .labelNames("controller", "exception")
            .register(registry);
    duration =
        Histogram.build(
                "gantry_reconciliation_duration_seconds",
                "Time spent in one reconciliation, by controller and operation.")
            .labelNames("controller", "operation")
            .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    events =
        Counter.build(
                "gantry_events_received_total",
                "Events (watch notifications, timers) that triggered reconciliations.")
            .register(registry);
    new PhaseCollector().register(registry);
    checks =
        Counter.build(
                "gantry_analysis_checks_total",
                "Canary analysis checks, by namespace, Microservice and verdict (Pass, Fail, Inconclusive).")
            .labelNames("namespace", "microservice", "verdict")
            .register(registry);
    measurements =
        Gauge.build(
                "gantry_analysis_measurement",
                "The last value measured for a canary analysis metric.")
            .labelNames("namespace", "microservice", "metric")
            .register(registry);
  }

  /** Remembers a Microservice's phase for the {@code gantry_microservices} gauge. */
  public void recordPhase(Microservice ms, Phase phase) {
    if (phase != null) {
      phases.put(ResourceID.fromResource(ms), phase);
    }
  }

  /** Counts a canary analysis check and exports its measurements. */
  public void recordCheck(Microservice ms, Check check) {
    String namespace = ms.getMetadata().getNamespace();
    String name = ms.getMetadata().getName();
    checks.labels(namespace, name, check.verdict().name()).inc();
    check.measurements().stream()
        .filter(m -> m.value() != null)
        .forEach(m -> measurements.labels(namespace, name, m.metric()).set(m.value()));
  }

  @Override
  public void receivedEvent(
      io.javaoperatorsdk.operator.processing.event.Event event, Map<String, Object> metadata) {
    events.inc();
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    failures.labels(controller(metadata), exception.getClass().getSimpleName()).inc();
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    phases.remove(resourceID);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    Histogram.Timer timer =
        duration.labels(execution.controllerName(), execution.name()).startTimer();
    try {
      T result = execution.execute();
      reconciliations
          .labels(execution.controllerName(), execution.name(), outcome(execution, result))
          .inc();
      return result;
    } catch (Exception e) {
      reconciliations.labels(execution.controllerName(), execution.name(), "error").inc();
      throw e;
    } finally {
      timer.observeDuration();
    }
  }

  /** What a reconciliation changed: the primary's status, the primary itself, or nothing. */
  private static <T> String outcome(ControllerExecution<T> execution, T result) {
    if (result instanceof UpdateControl<?> control) {
      if (control.isPatchStatus() || control.isPatchResourceAndStatus()) {
        return "status_changed";
      }
      return control.isPatchResource() ? "resource_changed" : "unchanged";
    }
    return execution.successTypeName(result);
  }

  private static String controller(Map<String, Object> metadata) {
    Object gvk =
        metadata == null
            ? null
            : metadata.get(io.javaoperatorsdk.operator.api.reconciler.Constants.RESOURCE_GVK_KEY);
    return gvk == null ? "unknown" : gvk.toString();
  }

  /** Counts per phase, computed at scrape time; every phase is reported, zeros included. */
  private final class PhaseCollector extends Collector {
    @Override
    public List<MetricFamilySamples> collect() {
      Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
      for (Phase phase : Phase.values()) {
        counts.put(phase, 0);
      }
      phases.values().forEach(p -> counts.merge(p, 1, Integer::sum));
      GaugeMetricFamily family =
          new GaugeMetricFamily(
              "gantry_microservices",
              "Microservices known to this operator, by phase.",
              List.of("phase"));
      counts.forEach((phase, count) -> family.addMetric(List.of(phase.name()), count));
      List<MetricFamilySamples> out = new ArrayList<>();
      out.add(family);
      return out;
    }
  }
}
