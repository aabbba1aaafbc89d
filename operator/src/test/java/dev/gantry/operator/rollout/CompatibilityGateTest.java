package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.ReleaseActionSpec.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API-compatibility gate inside the rollout: what a held canary gets, and how it is let go. */
class CompatibilityGateTest {

  private static final String SPEC =
      """
      image: shop/member:%s
      replicas: 4
      rollout:
        strategy: Canary
        canary:
          steps: [{setWeight: 25}, {pause: {}}, {setWeight: 50}]
      api: {openapi: {configMap: member-api, key: openapi.yaml}}
      """;

  private static RolloutSimulation held() {
    return new RolloutSimulation(SPEC.formatted("a"), "a", true)
        .settle()
        .judge(Judgements.breaking("b"))
        .deploy(SPEC.formatted("b"), "b");
  }

  @Test
  void heldCanaryGetsNeitherTrafficNorReplicas() {
    RolloutSimulation sim = held().advance(Duration.ofMinutes(5));
    assertThat(sim.status().canaryRevision()).isEqualTo("b");
    assertThat(sim.status().canaryWeight()).isZero();
    assertThat(sim.replicas()).containsEntry("b", 0).containsEntry("a", 4);
    assertThat(sim.weights()).containsOnly(0);
    assertThat(sim.status().api().gate()).isEqualTo(ApiStatus.HOLDING);
    assertThat(sim.status().rollout().breakingChangeAccepted()).isNull();
  }

  @Test
  void acceptedOnceByAReleaseManagerAndRecordedWithWhoAndWhy() {
    RolloutSimulation sim = held().act("rita", Action.AcceptBreakingChange, null);
    assertThat(sim.lastOutcome().applied()).isTrue();
    HistoryEntry entry = sim.status().history().get(sim.status().history().size() - 1);
    assertThat(entry.user()).isEqualTo("rita");
    assertThat(entry.action()).isEqualTo("AcceptBreakingChange");
    assertThat(entry.reason()).isEqualTo("test");
    assertThat(entry.revision()).isEqualTo("b");
    assertThat(sim.status().canaryWeight()).isEqualTo(25);
    assertThat(sim.status().api().gate()).isEqualTo(ApiStatus.ACCEPTED);
    assertThat(sim.status().api().acceptedBy()).isEqualTo("rita");
    // The acceptance survives an operator restart: it is in the status.
    assertThat(sim.status().rollout().breakingChangeAccepted()).isTrue();
  }

  @Test
  void acceptanceIsForThatRevisionOnly() {
    RolloutSimulation sim =
        held()
            .act("rita", Action.AcceptBreakingChange, null)
            .judge(Judgements.breaking("c"))
            .deploy(SPEC.formatted("c"), "c");
    assertThat(sim.status().canaryRevision()).isEqualTo("c");
    assertThat(sim.status().canaryWeight()).isZero();
    assertThat(sim.status().api().gate()).isEqualTo(ApiStatus.HOLDING);
  }

  @Test
  void acceptingWhatTheGateDoesNotHoldIsRefused() {
    RolloutSimulation sim =
        new RolloutSimulation(SPEC.formatted("a"), "a", true)
            .settle()
            .judge(Judgements.compatible("b"))
            .deploy(SPEC.formatted("b"), "b")
            .act("rita", Action.AcceptBreakingChange, null);
    assertThat(sim.lastOutcome().applied()).isFalse();
    assertThat(sim.lastOutcome().message())
        .isEqualTo("the API-compatibility gate does not hold revision b");
  }

  @Test
  void aHeldCanaryResumesAtTheStepItReached() {
    RolloutSimulation sim =
        new RolloutSimulation(SPEC.formatted("a"), "a", true)
            .settle()
            .judge(Judgements.compatible("b"))
            .deploy(SPEC.formatted("b"), "b");
    assertThat(sim.status().currentStepIndex()).isEqualTo(1);
    sim.judge(Judgements.breaking("b")).settle();
    assertThat(sim.status().canaryWeight()).isZero();
    assertThat(sim.status().currentStepIndex()).isEqualTo(1);
    sim.judge(Judgements.compatible("b")).settle();
    assertThat(sim.status().canaryWeight()).isEqualTo(25);
    assertThat(sim.status().currentStepIndex()).isEqualTo(1);
    assertThat(sim.weights()).containsExactly(0, 25, 0, 25);
  }

  @Test
  void aBlueGreenPreviewHeldLongerThanItsAutoPromotionIsNotSwitchedAtOnceWhenReleased() {
    String spec =
        """
        image: shop/member:%s
        replicas: 2
        rollout: {strategy: BlueGreen, blueGreen: {autoPromotionSeconds: 60}}
        api: {openapi: {configMap: member-api, key: openapi.yaml}}
        """;
    RolloutSimulation sim =
        new RolloutSimulation(spec.formatted("a"), "a", true)
            .settle()
            .judge(Judgements.compatible("b"))
            .deploy(spec.formatted("b"), "b");
    assertThat(sim.status().message()).contains("switching in 60s");
    // A consumer starts to use what b removed while its preview waits: held for ten minutes.
    sim.judge(Judgements.breaking("b")).settle().advance(Duration.ofMinutes(10));
    assertThat(sim.status().api().gate()).isEqualTo(ApiStatus.HOLDING);
    sim.judge(Judgements.compatible("b")).settle();
    assertThat(sim.status().stableRevision()).isEqualTo("a");
    assertThat(sim.status().message()).contains("switching");
    sim.advance(Duration.ofSeconds(61));
    assertThat(sim.status().stableRevision()).isEqualTo("b");
  }

  @Test
  void conditionSaysWhatBreaksWhom() {
    var status = held().status();
    var withConditions = Conditions.apply(status, List.of(), Instant.EPOCH);
    var condition = withConditions.condition(Conditions.API_COMPATIBLE).orElseThrow();
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("BreakingChange");
    assertThat(condition.getMessage())
        .isEqualTo("revision b breaks GET /members/{id} (removed) used by order");
  }

  @Test
  void anEventTellsTheHoldOnceAndTheAcceptanceOnce() {
    RolloutSimulation sim = held();
    var before = sim.status();
    var events =
        Transitions.between(before, sim.act("rita", Action.AcceptBreakingChange, null).status());
    assertThat(events)
        .filteredOn(t -> t.reason().equals("BreakingChangeAccepted"))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.message())
                    .endsWith("accepted by rita")
                    .startsWith("revision b breaks GET /members/{id} (removed) used by order"));
    assertThat(Transitions.between(sim.status(), sim.status())).isEmpty();
  }
}
