package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");

  @Test
  void healthyIsReadyAvailableAndNotProgressing() {
    MicroserviceStatus status = Conditions.apply(status(Phase.Healthy, 3), List.of(), T0);
    assertThat(status.condition("Ready").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(status.condition("Available").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(status.condition("Progressing").orElseThrow().getReason())
        .isEqualTo("RolloutComplete");
  }

  @Test
  void transitionTimeStaysWhileTheStatusStaysAndMovesWhenItFlips() {
    MicroserviceStatus first = Conditions.apply(status(Phase.Progressing, 1), List.of(), T0);
    MicroserviceStatus same =
        Conditions.apply(status(Phase.Progressing, 2), first.conditions(), T1);
    assertThat(same.condition("Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo(T0.toString());
    MicroserviceStatus flipped = Conditions.apply(status(Phase.Healthy, 3), same.conditions(), T1);
    assertThat(flipped.condition("Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo(T1.toString());
    assertThat(flipped.condition("Available").orElseThrow().getLastTransitionTime())
        .isEqualTo(T0.toString());
  }

  @Test
  void applyingTwiceGivesAnEqualStatus() {
    MicroserviceStatus once = Conditions.apply(status(Phase.Healthy, 3), List.of(), T0);
    assertThat(Conditions.apply(once, once.conditions(), T1)).isEqualTo(once);
  }

  private static MicroserviceStatus status(Phase phase, int ready) {
    return MicroserviceStatus.builder()
        .phase(phase)
        .observedGeneration(1L)
        .stableRevision("a")
        .replicas(3)
        .readyReplicas(ready)
        .selector("sel")
        .message(phase + " message")
        .build();
  }
}
