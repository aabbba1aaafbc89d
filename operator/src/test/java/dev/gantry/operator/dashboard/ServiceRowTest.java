package dev.gantry.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.Fixtures;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceRowTest {

  private static final String CANARY =
      """
      image: shop/order:2
      replicas: 3
      rollout:
        strategy: Canary
        canary: {steps: [{setWeight: 10}, {pause: {}}, {setWeight: 50}, {pause: {duration: 2m}}]}
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "null",
      delimiter = '|',
      value = {
        // case | phase | canary | weight | step index | → phase | weight | done | step text
        "no status yet          | null        | null | null | null | Pending     | null | 0 | ''",
        "stable, no canary      | Healthy     | null | null | null | Healthy     | null | 0 | ''",
        "first step             | Progressing | c2   | 10   | 0    | Progressing | 10   | 0 | setWeight 10",
        "held for a human       | Paused      | c2   | 10   | 1    | Paused      | 10   | 1 | pause until promoted",
        "timed pause            | Progressing | c2   | 50   | 3    | Progressing | 50   | 3 | pause 2m",
        "past the last step     | Progressing | c2   | 100  | 4    | Progressing | 100  | 4 | promoting",
        "index beyond the steps | Progressing | c2   | 100  | 9    | Progressing | 100  | 4 | promoting"
      })
  void showsPhaseWeightAndStep(
      String name,
      Phase phase,
      String canary,
      Integer weight,
      Integer step,
      String shownPhase,
      Integer shownWeight,
      int done,
      String stepText) {
    Microservice ms = Fixtures.microservice("order", CANARY);
    if (phase != null) {
      ms.setStatus(
          MicroserviceStatus.builder()
              .phase(phase)
              .stableRevision("s1")
              .canaryRevision(canary)
              .canaryWeight(weight)
              .currentStepIndex(step)
              .build());
    }
    ServiceRow row = ServiceRow.of(ms);
    assertThat(row.phase()).isEqualTo(shownPhase);
    assertThat(row.canaryWeight()).isEqualTo(shownWeight);
    assertThat(row.stableWeight()).isEqualTo(shownWeight == null ? 100 : 100 - shownWeight);
    assertThat(row.stepsDone()).isEqualTo(done);
    assertThat(row.stepsTotal()).isEqualTo(canary == null ? 0 : 4);
    assertThat(row.step()).isEqualTo(stepText);
    assertThat(row.phaseClass()).isEqualTo("phase-" + shownPhase.toLowerCase());
    assertThat(row.id()).isEqualTo("svc.shop.order");
    assertThat(row.revisions())
        .isEqualTo(
            phase == null
                ? "stable none yet"
                : canary == null ? "stable s1" : "stable s1, canary c2");
  }

  @org.junit.jupiter.api.Test
  void countsTheReadyPodsOfBothRevisionsAgainstTheDesiredReplicas() {
    Microservice ms = Fixtures.microservice("order", CANARY);
    ms.setStatus(
        MicroserviceStatus.builder()
            .phase(Phase.Progressing)
            .canaryRevision("c2")
            .readyReplicas(3)
            .canaryReadyReplicas(1)
            .queuePosition(2)
            .build());
    ServiceRow row = ServiceRow.of(ms);
    assertThat(row.readyReplicas()).isEqualTo(3);
    assertThat(row.canaryReadyReplicas()).isEqualTo(1);
    assertThat(row.desiredReplicas()).isEqualTo(3);
    assertThat(row.queuePosition()).isEqualTo(2);
  }
}
