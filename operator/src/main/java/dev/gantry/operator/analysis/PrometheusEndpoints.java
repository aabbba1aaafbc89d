package dev.gantry.operator.analysis;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Prometheus servers a platform engineer configured, by name. A Microservice names one ({@code
 * analysis.prometheus}) or gets the default; it never gives an address, so the operator only ever
 * sends requests where the platform said it may.
 *
 * @param named every server by name, the default one under {@link #DEFAULT}
 */
public record PrometheusEndpoints(Map<String, String> named) {

  public static final String DEFAULT = "default";

  public PrometheusEndpoints {
    named = Map.copyOf(named);
    if (!named.containsKey(DEFAULT)) {
      throw new IllegalArgumentException("no default Prometheus");
    }
  }

  /**
   * The address of the server called {@code name}, or of the default one when {@code name} is null.
   */
  public Optional<String> url(String name) {
    return Optional.ofNullable(named.get(name == null ? DEFAULT : name));
  }

  /** The names, sorted, for messages that say what could be chosen. */
  public String names() {
    return String.join(", ", new TreeMap<>(named).keySet());
  }
}
