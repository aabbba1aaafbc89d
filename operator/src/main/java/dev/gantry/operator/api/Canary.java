package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Steps a canary goes through (traffic weights and pauses), requests that always reach the canary
 * (A/B), and a share of stable traffic mirrored to it.
 *
 * @param scaleDownDelaySeconds how long the replaced revision keeps running after promotion or
 *     abort
 * @param match requests matching any of these go to the canary while a rollout is under way
 * @param mirrorPercent percent of stable traffic copied to the canary (responses are discarded)
 * @param analysis metrics that must hold for the rollout to go on
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Canary(
    @Required @Size(min = 1, max = 64) List<CanaryStep> steps,
    @Min(0) @Max(86400) @Default("30") Integer scaleDownDelaySeconds,
    @Size(max = 16) List<TrafficMatch> match,
    @Min(0) @Max(100) Integer mirrorPercent,
    Analysis analysis) {

  public Canary {
    steps = steps == null ? List.of() : List.copyOf(steps);
    scaleDownDelaySeconds = scaleDownDelaySeconds == null ? 30 : scaleDownDelaySeconds;
    match = match == null ? List.of() : List.copyOf(match);
  }
}
