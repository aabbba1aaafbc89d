package dev.gantry.operator.rollout;

import static dev.gantry.operator.api.ReleaseActionSpec.Action.Promote;
import static dev.gantry.operator.api.ReleaseActionSpec.Action.SetWeight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The BlueGreen strategy against a model cluster. */
class BlueGreenPlannerTest {

  private static final String MANUAL =
      """
      image: shop/order:%s
      replicas: 4
      rollout:
        strategy: BlueGreen
        blueGreen: {scaleDownDelaySeconds: 60, previewHosts: [preview.shop.example]}
      """;
  private static final String AUTO =
      """
      image: shop/order:%s
      replicas: 4
      rollout:
        strategy: BlueGreen
        blueGreen: {autoPromotionSeconds: 120, scaleDownDelaySeconds: 0}
      """;

  @Test
  void newRevisionComesUpAtFullSizeAndWaitsForPromotion() {
    var sim =
        new RolloutSimulation(MANUAL.formatted("a"), "a", true)
            .settle()
            .deploy(MANUAL.formatted("b"), "b");
    assertThat(sim.replicas()).containsEntry("a", 4).containsEntry("b", 4);
    assertThat(sim.status().phase()).isEqualTo(Phase.Paused);
    assertThat(sim.status().canaryWeight()).isZero();
    assertThat(sim.plan().routing().canaryRevision()).isEqualTo("b");
    sim.advance(Duration.ofHours(1));
    assertThat(sim.status().stableRevision()).isEqualTo("a");

    sim.act("alice", SetWeight, 50);
    assertThat(sim.lastOutcome().applied()).isFalse();
    assertThat(sim.lastOutcome().message()).contains("switches all traffic at once");

    sim.act("alice", Promote, null);
    assertThat(sim.status().stableRevision()).isEqualTo("b");
    assertThat(sim.weights()).containsExactly(0);
    assertThat(sim.replicas()).as("old revision kept during the delay").containsEntry("a", 4);
    sim.advance(Duration.ofSeconds(60));
    assertThat(sim.replicas()).containsEntry("a", 0);
  }

  @Test
  void promotesItselfAfterTheAutoPromotionDelay() {
    var sim =
        new RolloutSimulation(AUTO.formatted("a"), "a", true)
            .settle()
            .deploy(AUTO.formatted("b"), "b");
    assertThat(sim.plan().requeueAfter()).contains(Duration.ofSeconds(120));
    sim.advance(Duration.ofSeconds(119));
    assertThat(sim.status().stableRevision()).isEqualTo("a");
    sim.advance(Duration.ofSeconds(1));
    assertThat(sim.status().stableRevision()).isEqualTo("b");
    assertThat(sim.replicas()).containsEntry("a", 0);
  }

  @Test
  void withoutAMeshTheServiceSelectorSwitches() {
    var sim =
        new RolloutSimulation(MANUAL.formatted("a"), "a", false)
            .settle()
            .deploy(MANUAL.formatted("b"), "b");
    assertThat(sim.plan().routing().serviceRevision()).isEqualTo("a");
    sim.act("alice", Promote, null);
    assertThat(sim.plan().routing().serviceRevision()).isEqualTo("b");
  }
}
