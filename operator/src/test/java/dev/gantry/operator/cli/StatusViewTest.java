package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.Fixtures;
import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.RolloutState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusViewTest {

  @Test
  void showsRevisionsWeightsStepAnalysisAndLastAction() {
    var ms =
        Fixtures.microservice(
            "order",
            """
        image: shop/order:2
        replicas: 4
        rollout: {strategy: Canary, canary: {steps: [{setWeight: 20}, {pause: {}}, {setWeight: 50}]}}
        """);
    Instant now = Instant.parse("2026-01-01T00:10:00Z");
    ms.setStatus(
        MicroserviceStatus.builder()
            .phase(Phase.Paused)
            .stableRevision("aaa")
            .canaryRevision("bbb")
            .canaryWeight(20)
            .currentStepIndex(1)
            .readyReplicas(4)
            .canaryReplicas(1)
            .canaryReadyReplicas(1)
            .trafficSplit("mesh: 20% to revision bbb")
            .message("revision bbb paused at step 1")
            .rollout(
                new RolloutState(
                    "2026-01-01T00:05:00Z", true, null, null, null, null, null, null, null))
            .analysis(
                new AnalysisStatus(
                    "2026-01-01T00:09:30Z",
                    "Pass",
                    "bbb",
                    20,
                    0,
                    0,
                    20,
                    List.of(
                        new AnalysisStatus.Measurement(
                            "request-success-rate",
                            "q",
                            99.9,
                            null,
                            120.0,
                            "[99, +inf]",
                            "Pass",
                            "99.90 within [99, +inf]"))))
            .history(
                List.of(
                    new HistoryEntry(
                        "2026-01-01T00:08:00Z",
                        "alice",
                        "Pause",
                        null,
                        "lunch",
                        "Applied",
                        "paused revision bbb",
                        "bbb",
                        "a1",
                        "u1")))
            .build());
    String view = StatusView.render(ms, now);
    assertThat(view)
        .contains("strategy Canary   phase Paused")
        .contains("stable   aaa  4/4 ready   80% of traffic")
        .contains("canary   bbb  1/1 ready   20% of traffic")
        .contains("step 1 of 3: pause until promoted")
        .contains("paused: resume with kubectl gantry resume order")
        .contains("analysis: Pass at 20% 30s ago")
        .contains("request-success-rate   Pass")
        .contains("last action: 2m ago")
        .contains("alice");
  }

  @Test
  void showsWhereAQueuedRolloutStandsInLine() {
    var ms = Fixtures.microservice("order", "image: shop/order:2\nreplicas: 2\n");
    ms.setStatus(
        MicroserviceStatus.builder()
            .phase(Phase.Queued)
            .stableRevision("aaa")
            .readyReplicas(2)
            .queuePosition(4)
            .message("revision bbb waits for a rollout slot, number 4 in line")
            .rollout(
                new RolloutState(
                    null, null, null, null, null, null, null, null, "2026-01-01T00:05:00Z"))
            .build());
    assertThat(StatusView.render(ms, Instant.parse("2026-01-01T00:10:00Z")))
        .contains("phase Queued")
        .contains("stable   aaa  2/2 ready  100% of traffic")
        .contains("queued   number 4 in line for a rollout slot since 2026-01-01T00:05:00Z");
  }
}
