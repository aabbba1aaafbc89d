package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** HTTP paths the kubelet probes, and how patient it is with a starting service. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HealthChecks(
    @Size(max = 256) @Pattern("^/[^\\s]*$") @Default(DEFAULT_READINESS_PATH) String readinessPath,
    @Size(max = 256) @Pattern("^/[^\\s]*$") @Default(DEFAULT_LIVENESS_PATH) String livenessPath,
    @Min(1) @Max(3600) @Default("120") Integer startupTimeoutSeconds,
    @Min(1) @Max(300) @Default("10") Integer periodSeconds) {

  public static final String DEFAULT_READINESS_PATH = "/health/readiness";
  public static final String DEFAULT_LIVENESS_PATH = "/health/liveness";
  public static final HealthChecks DEFAULTS = new HealthChecks(null, null, null, null);

  public HealthChecks {
    readinessPath = readinessPath == null ? DEFAULT_READINESS_PATH : readinessPath;
    livenessPath = livenessPath == null ? DEFAULT_LIVENESS_PATH : livenessPath;
    startupTimeoutSeconds = startupTimeoutSeconds == null ? 120 : startupTimeoutSeconds;
    periodSeconds = periodSeconds == null ? 10 : periodSeconds;
  }
}
