package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Rolling strategy as a table: status and observed revisions in, decision out. */
class RollingPlannerTest {

  record Scenario(
      String name,
      String stable,
      String previous,
      String wanted,
      Map<String, RevisionObservation> observed,
      Map<String, Integer> expectReplicas,
      Phase expectPhase,
      String expectStable,
      String expectPrevious,
      String expectCanary) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario(
            "first deploy starts the revision",
            null,
            null,
            "a",
            obs(),
            Map.of("a", 3),
            Phase.Pending,
            null,
            null,
            null),
        new Scenario(
            "first deploy waits for every replica",
            null,
            null,
            "a",
            obs(ready("a", 3, 2)),
            Map.of("a", 3),
            Phase.Pending,
            null,
            null,
            null),
        new Scenario(
            "first deploy becomes stable when all replicas are ready",
            null,
            null,
            "a",
            obs(ready("a", 3, 3)),
            Map.of("a", 3),
            Phase.Healthy,
            "a",
            null,
            null),
        new Scenario(
            "steady state changes nothing",
            "a",
            null,
            "a",
            obs(ready("a", 3, 3)),
            Map.of("a", 3),
            Phase.Healthy,
            "a",
            null,
            null),
        new Scenario(
            "a crashed pod degrades the stable revision",
            "a",
            null,
            "a",
            obs(ready("a", 3, 2)),
            Map.of("a", 3),
            Phase.Degraded,
            "a",
            null,
            null),
        new Scenario(
            "a replica change scales the stable revision",
            "a",
            null,
            "a",
            obs(ready("a", 2, 2)),
            Map.of("a", 3),
            Phase.Progressing,
            "a",
            null,
            null),
        new Scenario(
            "a new spec starts the new revision beside the stable one",
            "a",
            null,
            "b",
            obs(ready("a", 3, 3)),
            Map.of("a", 3, "b", 3),
            Phase.Progressing,
            "a",
            null,
            "b"),
        new Scenario(
            "the new revision waits until every replica is ready",
            "a",
            null,
            "b",
            obs(ready("a", 3, 3), ready("b", 3, 1)),
            Map.of("a", 3, "b", 3),
            Phase.Progressing,
            "a",
            null,
            "b"),
        new Scenario(
            "a ready new revision becomes stable, the old one is kept at zero",
            "a",
            null,
            "b",
            obs(ready("a", 3, 3), ready("b", 3, 3)),
            Map.of("a", 0, "b", 3),
            Phase.Healthy,
            "b",
            "a",
            null),
        new Scenario(
            "the revision before the previous one is deleted",
            "b",
            "a",
            "c",
            obs(ready("a", 0, 0), ready("b", 3, 3), ready("c", 3, 3)),
            Map.of("b", 0, "c", 3),
            Phase.Healthy,
            "c",
            "b",
            null),
        new Scenario(
            "during a rollout the previous revision stays at zero",
            "b",
            "a",
            "c",
            obs(ready("a", 0, 0), ready("b", 3, 3)),
            Map.of("a", 0, "b", 3, "c", 3),
            Phase.Progressing,
            "b",
            "a",
            "c"),
        new Scenario(
            "a superseded new revision is deleted",
            "a",
            null,
            "c",
            obs(ready("a", 3, 3), ready("b", 3, 1)),
            Map.of("a", 3, "c", 3),
            Phase.Progressing,
            "a",
            null,
            "c"),
        new Scenario(
            "a new revision past its deadline degrades, the stable one keeps serving",
            "a",
            null,
            "b",
            obs(ready("a", 3, 3), stuck("b", 3, 0)),
            Map.of("a", 3, "b", 3),
            Phase.Degraded,
            "a",
            null,
            "b"),
        new Scenario(
            "going back to the previous spec reuses its revision",
            "b",
            "a",
            "a",
            obs(ready("a", 0, 0), ready("b", 3, 3)),
            Map.of("a", 3, "b", 3),
            Phase.Progressing,
            "b",
            "a",
            "a"),
        new Scenario(
            "a stable revision whose Deployment vanished starts over",
            "a",
            null,
            "a",
            obs(),
            Map.of("a", 3),
            Phase.Pending,
            null,
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void decides(Scenario s) {
    MicroserviceStatus status =
        MicroserviceStatus.builder()
            .phase(Phase.Healthy)
            .observedGeneration(1L)
            .stableRevision(s.stable())
            .previousRevision(s.previous())
            .build();
    RolloutPlan plan =
        RolloutPlanner.plan(
            new RolloutInput(
                "order",
                spec(3),
                2,
                status,
                s.wanted(),
                s.observed(),
                java.util.List.of(),
                true,
                null,
                false,
                null,
                Slot.OPEN,
                null,
                Instant.EPOCH));
    assertThat(plan.replicas())
        .as("replicas")
        .containsExactlyInAnyOrderEntriesOf(s.expectReplicas());
    assertThat(plan.status().phase()).as("phase").isEqualTo(s.expectPhase());
    assertThat(plan.status().stableRevision()).as("stable").isEqualTo(s.expectStable());
    assertThat(plan.status().previousRevision()).as("previous").isEqualTo(s.expectPrevious());
    assertThat(plan.status().canaryRevision()).as("canary").isEqualTo(s.expectCanary());
    assertThat(plan.status().observedGeneration()).isEqualTo(2L);
    assertThat(plan.revision()).isEqualTo(s.wanted());
    String serving = s.expectStable() != null ? s.expectStable() : s.wanted();
    assertThat(plan.routing().stableRevision()).as("traffic goes to").isEqualTo(serving);
    assertThat(plan.routing().canaryWeight()).isZero();
    assertThat(plan.status().selector())
        .isEqualTo("gantry.dev/microservice=order,gantry.dev/revision=" + serving);
  }

  private static MicroserviceSpec spec(int replicas) {
    return Serialization.unmarshal(
        "image: shop/order:1\nreplicas: " + replicas, MicroserviceSpec.class);
  }

  private static RevisionObservation ready(String revision, int replicas, int ready) {
    return new RevisionObservation(revision, replicas, ready, true, false);
  }

  private static RevisionObservation stuck(String revision, int replicas, int ready) {
    return new RevisionObservation(revision, replicas, ready, false, true);
  }

  private static Map<String, RevisionObservation> obs(RevisionObservation... observations) {
    Map<String, RevisionObservation> map = new LinkedHashMap<>();
    Arrays.stream(observations).forEach(o -> map.put(o.revision(), o));
    return new HashMap<>(map);
  }
}
