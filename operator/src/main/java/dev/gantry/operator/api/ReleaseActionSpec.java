package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * @param target the Microservice in the same namespace
 * @param group instead of a target: the ReleaseGroup in the same namespace; the action applies to
 *     all its members or to none
 * @param weight percent of traffic for the canary, with {@code SetWeight}
 * @param requestedBy who asks; the API server checks it is the requesting user
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "has(self.target) != has(self.group)",
    message =
        "a ReleaseAction names exactly one of spec.target (a Microservice) or spec.group (a"
            + " ReleaseGroup)")
@ValidationRule(
    value = "self.action != 'SetWeight' || has(self.weight)",
    fieldPath = ".weight",
    message = "SetWeight needs a weight")
@ValidationRule(
    value = "self.action == 'SetWeight' || !has(self.weight)",
    fieldPath = ".weight",
    message = "only SetWeight takes a weight")
public record ReleaseActionSpec(
    @Size(max = 52) @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$") String target,
    @Required Action action,
    @Min(0) @Max(100) Integer weight,
    @Size(max = 1024) String reason,
    @Required @Size(min = 1, max = 1024) String requestedBy,
    @Size(max = 253) @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") String group) {

  /** An action on one Microservice. */
  public ReleaseActionSpec(
      String target, Action action, Integer weight, String reason, String requestedBy) {
    this(target, action, weight, reason, requestedBy, null);
  }

  /** What a release manager can do to a rollout. */
  public enum Action {
    /** Send this percent of traffic to the canary and hold it there. */
    SetWeight,
    /** Go on to the next step now (blue-green: switch now). */
    Promote,
    /** Skip every remaining step: the canary takes all traffic once it runs at full size. */
    PromoteFull,
    /** Stop the rollout: all traffic back to stable at once, the canary scaled down. */
    Abort,
    /** Hold the rollout at its current step. */
    Pause,
    /** Continue a paused rollout, or start an aborted one again. */
    Resume,
    /** Go back to the previous revision; the spec's revision is held until the spec changes. */
    Undo,
    /**
     * Let the current canary through the API-compatibility gate although it breaks a declared
     * consumer; once, for this revision only.
     */
    AcceptBreakingChange
  }
}
