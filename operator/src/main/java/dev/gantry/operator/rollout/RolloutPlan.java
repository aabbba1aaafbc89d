package dev.gantry.operator.rollout;

import dev.gantry.operator.api.MicroserviceStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rollout decision.
 *
 * @param replicas every revision that should have a Deployment, with its replica count; the
 *     Deployments of other revisions are deleted
 * @param revision the spec's revision, whose Deployment is rendered from the spec; the others keep
 *     the template they were created with
 * @param routing how traffic is split between the stable and canary revisions
 * @param status the status to record (conditions are derived from it separately)
 * @param outcomes what became of each pending release action
 * @param requeueAfter when to look again even if nothing changes (timed pauses, delays)
 */
public record RolloutPlan(
    Map<String, Integer> replicas,
    String revision,
    Routing routing,
    MicroserviceStatus status,
    List<ActionOutcome> outcomes,
    Optional<Duration> requeueAfter) {

  public RolloutPlan {
    replicas = Map.copyOf(replicas);
    outcomes = List.copyOf(outcomes);
  }
}
