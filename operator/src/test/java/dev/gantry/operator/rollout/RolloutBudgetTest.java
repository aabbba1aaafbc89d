package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseActionSpec.Action;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A rollout that has no slot waits in the queue, and starts where it would have when it gets one.
 */
class RolloutBudgetTest {

  private static final String SPEC =
      """
      image: shop/order:%s
      replicas: 4
      rollout:
        strategy: Canary
        canary:
          steps: [{setWeight: 25}, {pause: {duration: 1m}}, {setWeight: 50}]
      """;

  private static final Slot THIRD_IN_LINE = new Slot(3, new Slot.Budget("web", 2));

  private static RolloutSimulation queued() {
    return new RolloutSimulation(SPEC.formatted("a"), "a", true)
        .settle()
        .slot(THIRD_IN_LINE)
        .deploy(SPEC.formatted("b"), "b");
  }

  @Test
  void aQueuedRevisionGetsNoPodAndNoTrafficWhileTheStableOneServes() {
    RolloutSimulation sim = queued().advance(Duration.ofMinutes(5));
    assertThat(sim.status().phase()).isEqualTo(Phase.Queued);
    assertThat(sim.status().queuePosition()).isEqualTo(3);
    assertThat(sim.status().canaryRevision()).isNull();
    assertThat(sim.status().stableRevision()).isEqualTo("a");
    assertThat(sim.replicas()).containsOnlyKeys("a").containsEntry("a", 4);
    assertThat(sim.weights()).containsOnly(0);
    assertThat(sim.status().message())
        .isEqualTo(
            "revision b waits for a rollout slot, number 3 in line: namespace web's budget of 2"
                + " concurrent rollouts (gantry.dev/max-concurrent-rollouts) is taken; revision a"
                + " serves");
    assertThat(sim.status().rollout().queuedSince()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void startsAtTheFirstStepOnceASlotIsFree() {
    RolloutSimulation sim = queued().advance(Duration.ofMinutes(2)).slot(Slot.OPEN);
    assertThat(sim.status().phase()).isEqualTo(Phase.Paused);
    assertThat(sim.status().canaryRevision()).isEqualTo("b");
    assertThat(sim.status().canaryWeight()).isEqualTo(25);
    assertThat(sim.status().queuePosition()).isNull();
    assertThat(sim.status().rollout().queuedSince()).isNull();
    assertThat(sim.status().rollout().stepStartedAt())
        .as("the step's timer starts when the rollout does, not when it was queued")
        .isEqualTo("2026-01-01T00:02:00Z");
  }

  @Test
  void aNewerSpecKeepsTheQueuedPlace() {
    RolloutSimulation sim =
        queued().advance(Duration.ofMinutes(2)).deploy(SPEC.formatted("c"), "c");
    assertThat(sim.status().phase()).isEqualTo(Phase.Queued);
    assertThat(sim.status().rollout().queuedSince()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(sim.status().message()).startsWith("revision c waits for a rollout slot");
  }

  @Test
  void aSpecBackAtTheStableRevisionLeavesTheQueue() {
    RolloutSimulation sim = queued().deploy(SPEC.formatted("a"), "a");
    assertThat(sim.status().phase()).isEqualTo(Phase.Healthy);
    assertThat(sim.status().queuePosition()).isNull();
    assertThat(sim.status().rollout()).isNull();
  }

  @Test
  void abortingAQueuedRevisionHoldsItBackAndLeavesTheQueue() {
    RolloutSimulation sim = queued().act("rita", Action.Abort, null);
    assertThat(sim.lastOutcome().applied()).isTrue();
    assertThat(sim.lastOutcome().message()).contains("before it started");
    assertThat(sim.status().phase()).isEqualTo(Phase.Aborted);
    assertThat(sim.status().rollout().queuedSince()).isNull();
    assertThat(sim.status().rollout().heldRevision()).isEqualTo("b");
    RolloutSimulation freed = sim.slot(Slot.OPEN);
    assertThat(freed.status().canaryRevision()).as("held back, it does not start").isNull();
  }

  @Test
  void actionsOnAQueuedRevisionSayItHasNotStarted() {
    RolloutSimulation sim = queued().act("rita", Action.Promote, null);
    assertThat(sim.lastOutcome().applied()).isFalse();
    assertThat(sim.lastOutcome().message())
        .isEqualTo(
            "the spec's new revision waits for a rollout slot (phase Queued) and has not started");
    assertThat(sim.status().phase()).isEqualTo(Phase.Queued);
  }

  @Test
  void aRolloutInProgressIsNeverQueuedWhenItsSpecChangesAgain() {
    RolloutSimulation sim =
        new RolloutSimulation(SPEC.formatted("a"), "a", true)
            .settle()
            .deploy(SPEC.formatted("b"), "b")
            .slot(THIRD_IN_LINE)
            .deploy(SPEC.formatted("c"), "c");
    assertThat(sim.status().phase()).isNotEqualTo(Phase.Queued);
    assertThat(sim.status().canaryRevision()).isEqualTo("c");
  }
}
