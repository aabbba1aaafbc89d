package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Service level objectives: availability in percent, and the p99 latency bound. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value =
        "!has(self.availabilityPercent) || (self.availabilityPercent > 0.0 && self.availabilityPercent < 100.0)",
    fieldPath = ".availabilityPercent",
    message = "availabilityPercent must be above 0 and below 100")
public record Slo(
    Double availabilityPercent, @Min(1) @Max(600000) Integer latencyP99Milliseconds) {}
