package dev.gantry.operator.rollout;

import dev.gantry.operator.api.ReleaseGroupStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A release group's decision: its status (which tells each member what to do), what became of each
 * release action, and when to look again.
 *
 * @param holdsSlot the release counts against the budgets of concurrent rollouts (once)
 */
public record GroupPlan(
    ReleaseGroupStatus status,
    List<ActionOutcome> outcomes,
    Optional<Duration> requeueAfter,
    boolean holdsSlot) {

  public GroupPlan {
    outcomes = List.copyOf(outcomes);
  }
}
