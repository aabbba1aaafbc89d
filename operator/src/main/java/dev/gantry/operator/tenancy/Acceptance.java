package dev.gantry.operator.tenancy;

import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The condition {@code Accepted}: whether the platform lets the Microservice have everything it
 * declares — its hosts, gateways and Secrets allowed, every object it needs free to be its own.
 * When it does not, the phase says so ({@code Degraded}) and the message names each field or
 * object, unless a rollout is paused or aborted, whose phase and message a release manager acts on.
 */
public final class Acceptance {

  public static final String ACCEPTED = "Accepted";

  private Acceptance() {}

  /** The rollout's status with the platform's verdict on what was applied. */
  public static MicroserviceStatus apply(
      MicroserviceStatus status, List<Violation> violations, Instant now) {
    if (violations.isEmpty()) {
      return withCondition(
          status,
          condition(
              status,
              true,
              ACCEPTED,
              "the platform allows everything this Microservice declares",
              now));
    }
    String text = describe(violations);
    MicroserviceStatus.Builder builder = status.toBuilder();
    if (status.phase() != Phase.Paused && status.phase() != Phase.Aborted) {
      builder
          .phase(Phase.Degraded)
          .message(status.message() == null ? text : text + "; " + status.message());
    }
    return withCondition(
        builder.build(), condition(status, false, violations.get(0).reason(), text, now));
  }

  /**
   * The status when nothing could be applied: the rollout's memory as it was, the phase {@code
   * Degraded} and why.
   */
  public static MicroserviceStatus refused(
      MicroserviceStatus status, List<Violation> violations, Instant now) {
    String text = describe(violations);
    MicroserviceStatus refused = status.toBuilder().phase(Phase.Degraded).message(text).build();
    return withCondition(refused, condition(status, false, violations.get(0).reason(), text, now));
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::describe).collect(Collectors.joining("; "));
  }

  private static Condition condition(
      MicroserviceStatus previous, boolean accepted, String reason, String message, Instant now) {
    String value = accepted ? "True" : "False";
    String since =
        previous
            .condition(ACCEPTED)
            .filter(c -> value.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.toString());
    return new ConditionBuilder()
        .withType(ACCEPTED)
        .withStatus(value)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(previous.observedGeneration())
        .withLastTransitionTime(since)
        .build();
  }

  private static MicroserviceStatus withCondition(MicroserviceStatus status, Condition condition) {
    List<Condition> conditions =
        new ArrayList<>(
            status.conditions().stream().filter(c -> !ACCEPTED.equals(c.getType())).toList());
    conditions.add(condition);
    return status.toBuilder().conditions(conditions).build();
  }
}
