package dev.gantry.operator.rollout;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.GroupPhase;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseGroupStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Conditions for {@code kubectl wait}: {@code Ready} (the stable revision serves with every replica
 * Ready), {@code Progressing} (a rollout is under way), {@code Available} (at least one replica
 * serves) and, when the spec declares an API contract, {@code ApiCompatible} (the spec's revision
 * breaks no declared consumer). A condition keeps its transition time while its status stays the
 * same.
 */
public final class Conditions {

  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String AVAILABLE = "Available";
  public static final String API_COMPATIBLE = "ApiCompatible";

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
        phase == Phase.Progressing
            || phase == Phase.Paused
            || phase == Phase.Pending
            || phase == Phase.Queued;
    String progressReason =
        switch (phase) {
          case Progressing, Pending -> "RolloutInProgress";
          case Paused -> "RolloutPaused";
          case Queued -> "RolloutQueued";
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
    ApiStatus api = status.api();
    if (api != null) {
      conditions.add(apiCompatible(previous, api, generation, now));
    }
    status.conditions().stream()
        .filter(c -> !List.of(READY, PROGRESSING, AVAILABLE, API_COMPATIBLE).contains(c.getType()))
        .forEach(conditions::add);
    return status.toBuilder().conditions(conditions).build();
  }

  /**
   * A release group's conditions: {@code Ready} when every member serves its stable revision and
   * nothing is being released, {@code Progressing} while a release gathers, waits or moves.
   */
  public static ReleaseGroupStatus apply(ReleaseGroupStatus status, Instant now) {
    GroupPhase phase = status.phase();
    long generation = status.observedGeneration() == null ? 0 : status.observedGeneration();
    List<Condition> previous = status.conditions();
    boolean progressing =
        phase == GroupPhase.Gathering
            || phase == GroupPhase.Queued
            || phase == GroupPhase.Progressing
            || phase == GroupPhase.Paused;
    List<Condition> conditions =
        List.of(
            condition(
                previous,
                READY,
                phase == GroupPhase.Healthy,
                phase.name(),
                status.message(),
                generation,
                now),
            condition(
                previous,
                PROGRESSING,
                progressing,
                progressing ? "Release" + phase.name() : "NoReleaseInProgress",
                status.message(),
                generation,
                now));
    return new ReleaseGroupStatus(
        status.phase(),
        status.observedGeneration(),
        status.release(),
        status.stage(),
        status.currentStepIndex(),
        status.weight(),
        status.order(),
        status.releasing(),
        status.gatherUntil(),
        status.stepStartedAt(),
        status.paused(),
        status.queuedSince(),
        status.queuePosition(),
        status.members(),
        status.message(),
        conditions,
        status.history());
  }

  private static Condition apiCompatible(
      List<Condition> previous, ApiStatus api, long generation, Instant now) {
    String value =
        switch (api.verdict()) {
          case ApiStatus.COMPATIBLE -> "True";
          case ApiStatus.BREAKING -> "False";
          default -> "Unknown";
        };
    String reason =
        switch (api.verdict()) {
          case ApiStatus.COMPATIBLE -> "NoBreakingChange";
          case ApiStatus.BREAKING -> "BreakingChange";
          default -> "DocumentUnreadable";
        };
    String message =
        switch (api.verdict()) {
          case ApiStatus.COMPATIBLE ->
              "revision " + api.revision() + " breaks no declared consumer";
          case ApiStatus.BREAKING ->
              "revision "
                  + api.revision()
                  + " breaks "
                  + StatusText.breaks(api.breaking())
                  + (api.acceptedBy() != null ? "; accepted by " + api.acceptedBy() : "");
          default -> api.reason();
        };
    return condition(previous, API_COMPATIBLE, value, reason, message, generation, now);
  }

  private static Condition condition(
      List<Condition> previous,
      String type,
      boolean value,
      String reason,
      String message,
      long generation,
      Instant now) {
    return condition(previous, type, value ? "True" : "False", reason, message, generation, now);
  }

  private static Condition condition(
      List<Condition> previous,
      String type,
      String statusValue,
      String reason,
      String message,
      long generation,
      Instant now) {
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
