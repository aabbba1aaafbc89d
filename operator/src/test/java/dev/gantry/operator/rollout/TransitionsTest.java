package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import org.junit.jupiter.api.Test;

class TransitionsTest {

  @Test
  void firstStartIsPending() {
    assertThat(Transitions.between(MicroserviceStatus.EMPTY, status(Phase.Pending, null, null)))
        .extracting(Transition::reason)
        .containsExactly("Pending");
  }

  @Test
  void promotionToHealthyIsOneEvent() {
    assertThat(
            Transitions.between(
                status(Phase.Progressing, "a", "b"), status(Phase.Healthy, "b", null)))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.reason()).isEqualTo("Promoted");
              assertThat(t.message())
                  .contains("revision b is stable, replacing a")
                  .contains("message of Healthy");
              assertThat(t.warning()).isFalse();
            });
  }

  @Test
  void newRevisionStartsARollout() {
    assertThat(
            Transitions.between(
                status(Phase.Healthy, "a", null), status(Phase.Progressing, "a", "b")))
        .extracting(Transition::reason)
        .containsExactly("RolloutStarted", "Progressing");
  }

  @Test
  void degradedIsAWarning() {
    assertThat(
            Transitions.between(
                status(Phase.Healthy, "a", null), status(Phase.Degraded, "a", null)))
        .singleElement()
        .satisfies(t -> assertThat(t.warning()).isTrue());
  }

  @Test
  void nothingChangedNothingToSay() {
    assertThat(
            Transitions.between(status(Phase.Healthy, "a", null), status(Phase.Healthy, "a", null)))
        .isEmpty();
  }

  private static MicroserviceStatus status(Phase phase, String stable, String canary) {
    return MicroserviceStatus.builder()
        .phase(phase)
        .observedGeneration(1L)
        .stableRevision(stable)
        .canaryRevision(canary)
        .replicas(1)
        .readyReplicas(1)
        .message("message of " + phase)
        .build();
  }
}
