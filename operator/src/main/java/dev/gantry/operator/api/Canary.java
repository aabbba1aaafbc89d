package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Steps a canary goes through: traffic weights and pauses. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Canary(@Required @Size(min = 1, max = 64) List<CanaryStep> steps) {

  public Canary {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
