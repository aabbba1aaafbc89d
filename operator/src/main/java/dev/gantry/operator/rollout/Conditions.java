package dev.gantry.operator.rollout;

import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Conditions for {@code kubectl wait}: {@code Ready} (the stable revision serves with every replica
 * Ready), {@code Progressing} (a rollout is under way) and {@code Available} (at least one replica
 * serves). A condition keeps its transition time while its status stays the same.
 */
public final class Conditions {

  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String AVAILABLE = "Available";

  private Conditions() {}

  /**
   * The status with its conditions brought up to date; conditions of other types are kept as they
   * are.
   */
  public static MicroserviceStatus apply(
      MicroserviceStatus status, List<Condition> previous, Instant now) {
    Phase phase = status.phase();
    long generation = status.observedGeneration() == null ? 0 : status.observedGeneration();
    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            previous,
            READY,
            phase == Phase.Healthy,
            phase.name(),
            status.message(),
            generation,
            now));
    boolean progressing =
        phase == Phase.Progressing || phase == Phase.Paused || phase == Phase.Pending;
    String progressReason =
        switch (phase) {
          case Progressing, Pending -> "RolloutInProgress";
          case Paused -> "RolloutPaused";
          case Degraded ->
              status.canaryRevision() != null ? "ProgressDeadlineExceeded" : "ReplicasNotReady";
          case Aborted -> "RolloutAborted";
          case Healthy -> "RolloutComplete";
        };
    conditions.add(
        condition(
            previous, PROGRESSING, progressing, progressReason, status.message(), generation, now));
    boolean available = status.readyReplicas() != null && status.readyReplicas() > 0;
    conditions.add(
        condition(
            previous,
            AVAILABLE,
            available,
            available ? "ReplicasReady" : "NoReplicasReady",
            (status.readyReplicas() == null ? 0 : status.readyReplicas())
                + " replicas of the stable revision are ready",
            generation,
            now));
    status.conditions().stream()
        .filter(c -> !List.of(READY, PROGRESSING, AVAILABLE).contains(c.getType()))
        .forEach(conditions::add);
    return status.toBuilder().conditions(conditions).build();
  }

  private static Condition condition(
      List<Condition> previous,
      String type,
      boolean value,
      String reason,
      String message,
      long generation,
      Instant now) {
    String statusValue = value ? "True" : "False";
    String since =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && statusValue.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .findFirst()
            .orElse(now.toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(statusValue)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }
}
