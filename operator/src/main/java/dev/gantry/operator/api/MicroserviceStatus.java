package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/**
 * What the operator observed and decided. Rollout state lives here, so a restarted operator
 * continues exactly where it stopped.
 *
 * @param replicas replicas of the stable revision (the scale subresource reads this)
 * @param selector label selector of the stable revision's pods (the autoscaler reads this)
 * @param previousRevision the revision that was stable before, kept scaled to zero for undo
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MicroserviceStatus(
    Phase phase,
    Long observedGeneration,
    String stableRevision,
    String canaryRevision,
    String previousRevision,
    Integer canaryWeight,
    Integer currentStepIndex,
    @StatusReplicas Integer replicas,
    Integer readyReplicas,
    @LabelSelector String selector,
    List<Condition> conditions,
    String message) {

  public MicroserviceStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** The status of a Microservice the operator has not seen yet. */
  public static final MicroserviceStatus EMPTY =
      new MicroserviceStatus(null, null, null, null, null, null, null, null, null, null, null, null);

  /** The condition of this type, if present. */
  public java.util.Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
