package dev.gantry.operator.rollout;

import static dev.gantry.operator.api.ReleaseActionSpec.Action.Abort;
import static dev.gantry.operator.api.ReleaseActionSpec.Action.Pause;
import static dev.gantry.operator.api.ReleaseActionSpec.Action.Promote;
import static dev.gantry.operator.api.ReleaseActionSpec.Action.PromoteFull;
import static dev.gantry.operator.api.ReleaseActionSpec.Action.Resume;
import static dev.gantry.operator.api.ReleaseActionSpec.Action.SetWeight;
import static dev.gantry.operator.api.ReleaseActionSpec.Action.Undo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Phase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Canary strategy, step by step, against a model cluster. */
class CanaryPlannerTest {

  private static final String STEPS =
      """
      image: shop/order:%s
      replicas: 10
      rollout:
        strategy: Canary
        canary:
          scaleDownDelaySeconds: 30
          steps:
          - setWeight: 10
          - pause: {duration: 1m}
          - setWeight: 50
          - pause: {}
          - setWeight: 80
      """;

  private static RolloutSimulation stableAt(String revision) {
    return new RolloutSimulation(STEPS.formatted(revision), revision, true).settle();
  }

  @Test
  void walksTheStepsWithTimedAndIndefinitePausesAndSkipsNoWeight() {
    var sim = stableAt("a").deploy(STEPS.formatted("b"), "b");
    assertThat(sim.status().canaryWeight()).isEqualTo(10);
    assertThat(sim.status().phase()).isEqualTo(Phase.Paused);
    assertThat(sim.plan().requeueAfter()).contains(Duration.ofMinutes(1));

    sim.advance(Duration.ofSeconds(30));
    assertThat(sim.status().canaryWeight()).as("the timed pause holds").isEqualTo(10);
    sim.advance(Duration.ofSeconds(30));
    assertThat(sim.status().canaryWeight()).isEqualTo(50);
    assertThat(sim.status().phase())
        .as("indefinite pause waits for a human")
        .isEqualTo(Phase.Paused);
    sim.advance(Duration.ofHours(5));
    assertThat(sim.status().canaryWeight()).isEqualTo(50);

    sim.act("alice", Promote, null);
    assertThat(sim.status().stableRevision()).isEqualTo("b");
    assertThat(sim.status().canaryRevision()).isNull();
    assertThat(sim.weights()).containsExactly(0, 10, 50, 80, 0);
    assertThat(sim.status().phase()).isEqualTo(Phase.Healthy);
    assertThat(sim.status().previousRevision()).isEqualTo("a");
  }

  @Test
  void scalesTheCanaryToItsShareBeforeRaisingTheWeight() {
    var sim = stableAt("a").block("b").deploy(STEPS.formatted("b"), "b");
    assertThat(sim.replicas()).containsEntry("b", 1).containsEntry("a", 10);
    assertThat(sim.status().canaryWeight()).as("no traffic before the canary is ready").isZero();
    sim.unblock("b");
    assertThat(sim.status().canaryWeight()).isEqualTo(10);
    sim.advance(Duration.ofMinutes(1));
    assertThat(sim.replicas()).containsEntry("b", 5);
    assertThat(sim.replicas().get("a"))
        .as("stable keeps its capacity during the rollout")
        .isEqualTo(10);
  }

  @Test
  void waitsForTheLargerCanaryBeforeTheNextWeight() {
    var sim =
        stableAt("a").deploy(STEPS.formatted("b"), "b").block("b").advance(Duration.ofMinutes(1));
    assertThat(sim.replicas()).containsEntry("b", 5);
    assertThat(sim.status().canaryWeight()).as("50% waits for 5 ready replicas").isEqualTo(10);
    assertThat(sim.status().phase()).isEqualTo(Phase.Progressing);
    sim.unblock("b");
    assertThat(sim.status().canaryWeight()).isEqualTo(50);
  }

  @Test
  void setWeightHoldsUntilPromote() {
    var sim = stableAt("a").deploy(STEPS.formatted("b"), "b");
    sim.act("alice", SetWeight, 40);
    assertThat(sim.lastOutcome().applied()).isTrue();
    assertThat(sim.status().canaryWeight()).isEqualTo(40);
    assertThat(sim.replicas()).containsEntry("b", 4);
    sim.advance(Duration.ofMinutes(10));
    assertThat(sim.status().canaryWeight()).as("a manual weight holds").isEqualTo(40);
    assertThat(sim.status().phase()).isEqualTo(Phase.Paused);
    sim.act("alice", Promote, null);
    assertThat(sim.status().canaryWeight())
        .as("promote moves on from the timed pause")
        .isEqualTo(50);
    assertThat(sim.status().history())
        .extracting(h -> h.action() + ":" + h.outcome())
        .containsExactly("SetWeight:Applied", "Promote:Applied");
  }

  @Test
  void promoteFullSkipsTheRemainingSteps() {
    var sim = stableAt("a").deploy(STEPS.formatted("b"), "b").act("bob", PromoteFull, null);
    assertThat(sim.status().stableRevision()).isEqualTo("b");
    assertThat(sim.weights()).containsExactly(0, 10, 0);
    assertThat(sim.replicas()).containsEntry("b", 10).containsEntry("a", 10);
    sim.advance(Duration.ofSeconds(30));
    assertThat(sim.replicas())
        .as("replaced revision scaled down after the delay")
        .containsEntry("a", 0);
  }

  @Test
  void abortSendsEverythingBackToStableAndHoldsTheRevision() {
    var sim = stableAt("a").deploy(STEPS.formatted("b"), "b").advance(Duration.ofMinutes(1));
    sim.act("carol", Abort, null);
    assertThat(sim.status().phase()).isEqualTo(Phase.Aborted);
    assertThat(sim.status().canaryRevision()).isNull();
    assertThat(sim.plan().routing().hasCanary()).isFalse();
    assertThat(sim.replicas()).as("canary kept during the scale-down delay").containsEntry("b", 5);
    sim.advance(Duration.ofSeconds(30));
    assertThat(sim.replicas()).containsEntry("b", 0);
    sim.advance(Duration.ofHours(1));
    assertThat(sim.status().phase())
        .as("the same spec does not start again")
        .isEqualTo(Phase.Aborted);
    assertThat(sim.status().message()).contains("aborted by carol");

    sim.act("carol", Resume, null);
    assertThat(sim.status().canaryRevision()).isEqualTo("b");
    assertThat(sim.status().canaryWeight())
        .as("a resumed rollout starts at the first step")
        .isEqualTo(10);
  }

  @Test
  void aNewSpecSupersedesTheCanary() {
    var sim = stableAt("a").deploy(STEPS.formatted("b"), "b").advance(Duration.ofMinutes(1));
    assertThat(sim.status().canaryWeight()).isEqualTo(50);
    sim.deploy(STEPS.formatted("c"), "c");
    assertThat(sim.status().canaryRevision()).isEqualTo("c");
    assertThat(sim.status().canaryWeight()).isEqualTo(10);
    assertThat(sim.weights()).containsSubsequence(50, 0, 10);
    sim.advance(Duration.ofSeconds(30));
    assertThat(sim.replicas()).doesNotContainKey("b");
  }

  @Test
  void undoAfterPromotionGoesBackToThePreviousRevision() {
    var sim =
        stableAt("a")
            .deploy(STEPS.formatted("b"), "b")
            .act("alice", PromoteFull, null)
            .advance(Duration.ofMinutes(1));
    assertThat(sim.replicas()).containsEntry("a", 0);
    sim.act("alice", Undo, null);
    assertThat(sim.status().stableRevision()).isEqualTo("a");
    assertThat(sim.status().phase()).isEqualTo(Phase.Aborted);
    assertThat(sim.status().rolloutState().heldRevision()).isEqualTo("b");
    assertThat(sim.replicas()).containsEntry("a", 10);
    sim.advance(Duration.ofMinutes(1));
    assertThat(sim.status().stableRevision()).as("the spec's revision stays held").isEqualTo("a");
  }

  @Test
  void rejectsWhatDoesNotApply() {
    var sim = stableAt("a");
    sim.act("dave", SetWeight, 20);
    assertThat(sim.lastOutcome().applied()).isFalse();
    assertThat(sim.lastOutcome().message()).contains("no rollout");
    sim.act("dave", Undo, null);
    assertThat(sim.lastOutcome().message()).contains("no previous revision");
    sim.deploy(STEPS.formatted("b"), "b").act("dave", Undo, null);
    assertThat(sim.lastOutcome().message()).contains("abort it instead");
    sim.act("dave", Resume, null);
    assertThat(sim.lastOutcome().message()).contains("is not paused");
    assertThat(sim.status().history())
        .allSatisfy(h -> assertThat(h.outcome()).isEqualTo("Rejected"));
  }

  @Test
  void pauseAndResume() {
    var sim = stableAt("a").deploy(STEPS.formatted("b"), "b");
    sim.act("erin", Pause, null).advance(Duration.ofMinutes(5));
    assertThat(sim.status().canaryWeight()).isEqualTo(10);
    assertThat(sim.status().rolloutState().isPaused()).isTrue();
    sim.act("erin", Resume, null).advance(Duration.ofMinutes(1));
    assertThat(sim.status().canaryWeight()).isEqualTo(50);
  }

  @Test
  void anActionInTheHistoryIsNeverAppliedTwice() {
    var sim = stableAt("a").deploy(STEPS.formatted("b"), "b").act("alice", SetWeight, 30);
    int historySize = sim.status().history().size();
    sim.replay(1, SetWeight, 30);
    assertThat(sim.status().history()).hasSize(historySize);
    assertThat(sim.lastOutcome().applied()).isTrue();
    assertThat(sim.lastOutcome().action().uid()).isEqualTo("uid-1");
  }

  @Test
  void withoutAMeshTheWeightIsApproximatedByReplicas() {
    var sim =
        new RolloutSimulation(STEPS.formatted("a"), "a", false)
            .settle()
            .deploy(STEPS.formatted("b"), "b");
    assertThat(sim.replicas()).containsEntry("a", 10).containsEntry("b", 1);
    assertThat(sim.status().trafficSplit())
        .contains("approximated by replicas")
        .contains("1 canary / 10 stable");
    sim.advance(Duration.ofMinutes(1));
    assertThat(sim.replicas()).as("50% of pods").containsEntry("b", 10);
    sim.act("alice", Abort, null);
    assertThat(sim.replicas())
        .as("without a mesh an aborted canary stops at once")
        .containsEntry("b", 0);
  }

  @Test
  void specBackToStableEndsTheCanary() {
    var sim = stableAt("a").deploy(STEPS.formatted("b"), "b").deploy(STEPS.formatted("a"), "a");
    assertThat(sim.status().canaryRevision()).isNull();
    assertThat(sim.status().phase()).isEqualTo(Phase.Healthy);
    assertThat(sim.replicas()).containsEntry("a", 10);
    assertThat(Map.copyOf(sim.replicas())).containsKey("b");
  }
}
