package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Automated canary analysis: every {@code interval} the canary's metrics are measured in
 * Prometheus. A passing check lets the rollout leave a weight step; more than {@code failureLimit}
 * failed checks abort it; too little traffic or no data is inconclusive — never a pass — and more
 * than {@code inconclusiveLimit} inconclusive checks in a row pause (or abort) it.
 *
 * @param source which metrics to read: Istio's telemetry or the service's own (Micrometer); the
 *     operator's default when absent
 * @param prometheus which of the Prometheus servers the platform configured to ask (by name); the
 *     operator's default when absent. A team never chooses an address the operator sends requests
 *     to.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "duration(self.interval) >= duration('1s')",
    fieldPath = ".interval",
    message = "interval must be at least 1s")
public record Analysis(
    @Size(max = 32) @Pattern(Durations.PATTERN) @Default("30s") String interval,
    @Min(0) @Max(100) @Default("2") Integer failureLimit,
    @Min(0) @Max(1000000) @Default("20") Integer minRequests,
    @Min(0) @Max(100) @Default("3") Integer inconclusiveLimit,
    @Default("Pause") InconclusivePolicy onInconclusive,
    MetricsSource source,
    @Size(max = 63) @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String prometheus,
    @Required @Size(min = 1, max = 16) List<AnalysisMetric> metrics) {

  public Analysis {
    interval = interval == null ? "30s" : interval;
    failureLimit = failureLimit == null ? 2 : failureLimit;
    minRequests = minRequests == null ? 20 : minRequests;
    inconclusiveLimit = inconclusiveLimit == null ? 3 : inconclusiveLimit;
    onInconclusive = onInconclusive == null ? InconclusivePolicy.Pause : onInconclusive;
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  /** What too many inconclusive checks in a row do. */
  public enum InconclusivePolicy {
    Pause,
    Abort
  }

  /** Where request metrics come from. */
  public enum MetricsSource {
    /**
     * {@code istio_requests_total} and {@code istio_request_duration_milliseconds}, by destination
     * workload.
     */
    Istio,
    /** The service's own {@code http_server_requests_seconds}, by the {@code revision} label. */
    Micrometer
  }
}
