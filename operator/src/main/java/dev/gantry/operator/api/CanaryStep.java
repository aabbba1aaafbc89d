package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** One step: either send {@code setWeight} percent of traffic to the canary, or pause. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "has(self.setWeight) != has(self.pause)",
    message = "each step is exactly one of setWeight or pause")
public record CanaryStep(@Min(0) @Max(100) Integer setWeight, Pause pause) {}
