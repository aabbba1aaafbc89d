package dev.gantry.operator.rollout;

import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.MicroserviceStatus;
import java.time.Instant;
import java.util.Map;

/**
 * Everything a rollout decision depends on.
 *
 * @param name the Microservice's name
 * @param generation the Microservice's metadata.generation
 * @param revision the revision the spec asks for now
 * @param observed revisions that have a Deployment, by revision
 */
public record RolloutInput(
    String name,
    MicroserviceSpec spec,
    long generation,
    MicroserviceStatus status,
    String revision,
    Map<String, RevisionObservation> observed,
    Instant now) {

  public RolloutInput {
    status = status == null ? MicroserviceStatus.EMPTY : status;
    observed = Map.copyOf(observed);
  }
}
