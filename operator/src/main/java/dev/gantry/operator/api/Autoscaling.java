package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A HorizontalPodAutoscaler that scales the Microservice itself (through its scale subresource), so
 * every revision follows the same replica count.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "self.minReplicas <= self.maxReplicas",
    fieldPath = ".minReplicas",
    message = "minReplicas must not exceed maxReplicas")
public record Autoscaling(
    @Required @Min(1) @Max(1000) Integer minReplicas,
    @Required @Min(1) @Max(1000) Integer maxReplicas,
    @Min(1) @Max(100) @Default("80") Integer targetCPUUtilizationPercentage) {

  public Autoscaling {
    targetCPUUtilizationPercentage =
        targetCPUUtilizationPercentage == null ? 80 : targetCPUUtilizationPercentage;
  }
}
