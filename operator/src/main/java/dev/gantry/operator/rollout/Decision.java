package dev.gantry.operator.rollout;

import dev.gantry.operator.rollout.StatusText.Situation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision in the making: the next position, and its effects — what the status will say, when to
 * look again, what became of each release action, and the canary's size. Immutable: each unit of
 * the rollout takes one and returns the next.
 *
 * @param situation what the status says; null until something is decided that the user should read
 * @param requeue when to look again even if nothing changes; null for never
 */
record Decision(
    Position position,
    Situation situation,
    Duration requeue,
    List<ActionOutcome> outcomes,
    int canaryReplicas) {

  Decision {
    outcomes = List.copyOf(outcomes);
  }

  static Decision from(Position position) {
    return new Decision(position, null, null, List.of(), 0);
  }

  Decision at(Position next) {
    return new Decision(next, situation, requeue, outcomes, canaryReplicas);
  }

  Decision says(Situation next) {
    return new Decision(position, next, requeue, outcomes, canaryReplicas);
  }

  /** Look again at the latest after {@code wait} (at once if it is past). */
  Decision requeueIn(Duration wait) {
    Duration bounded = wait.isNegative() ? Duration.ZERO : wait;
    return new Decision(
        position,
        situation,
        requeue == null || bounded.compareTo(requeue) < 0 ? bounded : requeue,
        outcomes,
        canaryReplicas);
  }

  Decision told(ActionOutcome outcome) {
    List<ActionOutcome> all = new ArrayList<>(outcomes);
    all.add(outcome);
    return new Decision(position, situation, requeue, all, canaryReplicas);
  }

  Decision canaryAt(int replicas) {
    return new Decision(position, situation, requeue, outcomes, replicas);
  }

  Position.CanaryRun canary() {
    return position.canary();
  }
}
