package dev.gantry.operator.rollout;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.MicroserviceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a rollout decision depends on.
 *
 * @param name the Microservice's name
 * @param generation the Microservice's metadata.generation
 * @param revision the revision the spec asks for now
 * @param observed revisions that have a Deployment, by revision
 * @param actions release actions waiting for an outcome, oldest first
 * @param mesh traffic is routed by Istio; without it weights are approximated by replica counts
 * @param check the canary analysis check made for this decision, if one was due
 * @param checkPending a check is being measured (or waits for its turn); its end wakes the
 *     reconciler, so the decision need not come back for it
 * @param api the API-compatibility gate's judgement of the spec's revision; null exactly when the
 *     spec declares no {@code api}
 * @param slot whether the budgets of concurrent rollouts let a new rollout start now
 * @param group what the Microservice's release group tells it; null when it belongs to none
 */
public record RolloutInput(
    String name,
    MicroserviceSpec spec,
    long generation,
    MicroserviceStatus status,
    String revision,
    Map<String, RevisionObservation> observed,
    List<PendingAction> actions,
    boolean mesh,
    Check check,
    boolean checkPending,
    ApiStatus api,
    Slot slot,
    GroupDirective group,
    Instant now) {

  public RolloutInput {
    status = status == null ? MicroserviceStatus.EMPTY : status;
    observed = Map.copyOf(observed);
    actions = List.copyOf(actions);
    slot = slot == null ? Slot.OPEN : slot;
  }
}
