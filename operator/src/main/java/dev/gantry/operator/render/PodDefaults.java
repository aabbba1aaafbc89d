package dev.gantry.operator.render;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * What a pod gets where its Microservice says nothing, set by a platform engineer so no pod is
 * BestEffort by accident and no pod fills its node's disk through {@code /tmp}.
 *
 * @param requests per resource ({@code cpu}, {@code memory}, {@code ephemeral-storage})
 * @param limits per resource
 * @param tmpSizeLimit size of the writable {@code /tmp} (an emptyDir)
 */
public record PodDefaults(
    Map<String, Quantity> requests, Map<String, Quantity> limits, Quantity tmpSizeLimit) {

  public static final PodDefaults DEFAULTS =
      new PodDefaults(
          Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")),
          Map.of("memory", new Quantity("512Mi")),
          new Quantity("64Mi"));

  public PodDefaults {
    requests = Map.copyOf(requests);
    limits = Map.copyOf(limits);
  }
}
