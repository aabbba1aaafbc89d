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
 * @param members the Microservices of the namespace released together; each belongs to at most one
 *     group
 * @param steps the canary steps every changed member walks together: {@code setWeight}, {@code
 *     pause}
 * @param analysis judged on every changed member at every step; a failure aborts them all
 * @param gatherSeconds after the first member changes, how long to wait for the others before the
 *     release starts
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "self.members.all(m, self.members.exists_one(n, n == m))",
    fieldPath = ".members",
    message = "spec.members names each Microservice once")
public record ReleaseGroupSpec(
    @Required @Size(min = 1, max = 50)
        List<@Size(max = 52) @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$") String> members,
    @Required @Size(min = 1, max = 64) List<CanaryStep> steps,
    Analysis analysis,
    @Min(0) @Max(3600) @Default("30") Integer gatherSeconds) {

  public ReleaseGroupSpec {
    members = members == null ? List.of() : List.copyOf(members);
    steps = steps == null ? List.of() : List.copyOf(steps);
    gatherSeconds = gatherSeconds == null ? 30 : gatherSeconds;
  }
}
