package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** How Prometheus scrapes the service, and the service level it promises. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Monitoring(
    @Default("true") Boolean enabled,
    @Size(max = 256) @Pattern("^/[^\\s]*$") @Default(DEFAULT_PATH) String path,
    @Size(max = 32) @Pattern(Durations.PATTERN) @Default(DEFAULT_INTERVAL) String interval,
    Slo slo) {

  public static final String DEFAULT_PATH = "/prometheus";
  public static final String DEFAULT_INTERVAL = "30s";
  public static final Monitoring DEFAULTS = new Monitoring(null, null, null, null);

  public Monitoring {
    enabled = enabled == null || enabled;
    path = path == null ? DEFAULT_PATH : path;
    interval = interval == null ? DEFAULT_INTERVAL : interval;
  }
}
