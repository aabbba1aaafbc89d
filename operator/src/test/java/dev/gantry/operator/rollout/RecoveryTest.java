package dev.gantry.operator.rollout;

import static dev.gantry.operator.api.ReleaseActionSpec.Action.Pause;
import static dev.gantry.operator.api.ReleaseActionSpec.Action.Promote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A status that no longer knows what serves is rebuilt from the cluster, and nothing is promoted on
 * a guess.
 */
class RecoveryTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  /** {@code rev:replicas/ready,…}. */
  private static Map<String, RevisionObservation> cluster(String text) {
    return Arrays.stream(text.split(","))
        .map(String::trim)
        .map(
            part -> {
              String[] nameAndCounts = part.split(":");
              String[] counts = nameAndCounts[1].split("/");
              return new RevisionObservation(
                  nameAndCounts[0],
                  Integer.parseInt(counts[0]),
                  Integer.parseInt(counts[1]),
                  true,
                  false);
            })
        .collect(Collectors.toMap(RevisionObservation::revision, Function.identity()));
  }

  static Stream<Arguments> lostStatuses() {
    return Stream.of(
        row(
            "the mesh's stable subset decides",
            null,
            "b",
            "a:10/10, b:1/1",
            new Recovery.Routed("a", null, null, 0),
            "a",
            "the DestinationRule's stable subset selects it"),
        row(
            "even when the canary has more pods ready",
            null,
            "b",
            "a:2/2, b:10/10",
            new Recovery.Routed("a", null, null, 0),
            "a",
            "stable subset"),
        row(
            "without the mesh, blue-green's Service selector decides",
            null,
            "b",
            "a:4/4, b:4/4",
            new Recovery.Routed(null, "a", null, 0),
            "a",
            "the Service selects it"),
        row(
            "no routes: the most ready replicas",
            null,
            "b",
            "a:10/10, b:1/1",
            Recovery.Routed.NOTHING,
            "a",
            "the most ready replicas, 10"),
        row(
            "no routes, a tie: not the spec's untested revision",
            null,
            "b",
            "a:4/4, b:4/4",
            Recovery.Routed.NOTHING,
            "a",
            "most ready"),
        row(
            "a subset naming a revision that is gone counts for nothing",
            null,
            "b",
            "a:10/10, b:1/1",
            new Recovery.Routed("z", null, null, 0),
            "a",
            "most ready"),
        row(
            "the stable Deployment deleted by hand",
            "z",
            "b",
            "a:0/0, b:3/3",
            new Recovery.Routed("z", null, null, 0),
            "b",
            "most ready"),
        row(
            "the spec went back to the serving revision",
            null,
            "a",
            "a:5/5, b:5/5",
            new Recovery.Routed("a", null, null, 0),
            "a",
            "stable subset"));
  }

  private static Arguments row(
      String description,
      String rememberedStable,
      String spec,
      String cluster,
      Recovery.Routed routed,
      String serving,
      String evidence) {
    return Arguments.of(description, rememberedStable, spec, cluster, routed, serving, evidence);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lostStatuses")
  void theServingRevisionIsFoundInTheCluster(
      String description,
      String rememberedStable,
      String spec,
      String cluster,
      Recovery.Routed routed,
      String serving,
      String evidence) {
    MicroserviceStatus lost =
        MicroserviceStatus.builder()
            .stableRevision(rememberedStable)
            .canaryRevision("b")
            .canaryWeight(30)
            .currentStepIndex(2)
            .build();
    Recovery.Result result = Recovery.recover(lost, spec, cluster(cluster), routed, NOW);
    assertThat(result.status().stableRevision()).as(description).isEqualTo(serving);
    assertThat(result.status().canaryRevision())
        .as("a canary starts again from its first step")
        .isNull();
    assertThat(result.status().canaryWeight()).isNull();
    assertThat(result.note()).contains("revision " + serving + " serves").contains(evidence);
    assertThat(result.status().history())
        .last()
        .satisfies(
            entry -> {
              assertThat(entry.user()).isEqualTo("gantry-operator");
              assertThat(entry.action()).isEqualTo("RebuildStatus");
              assertThat(entry.message()).isEqualTo(result.note());
            });
  }

  static Stream<Arguments> trustedStatuses() {
    return Stream.of(
        Arguments.of("a status that names a running stable revision", "a", "b", "a:10/10, b:1/1"),
        Arguments.of("a first deployment: only the spec's revision runs", null, "a", "a:2/1"),
        Arguments.of("nothing runs yet", null, "a", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trustedStatuses")
  void aStatusThatKnowsWhatServesIsKept(
      String description, String stable, String spec, String cluster) {
    MicroserviceStatus status =
        MicroserviceStatus.builder().stableRevision(stable).phase(Phase.Pending).build();
    Map<String, RevisionObservation> observed = cluster.isEmpty() ? Map.of() : cluster(cluster);
    Recovery.Result result = Recovery.recover(status, spec, observed, Recovery.Routed.NOTHING, NOW);
    assertThat(result.status()).as(description).isSameAs(status);
    assertThat(result.note()).isNull();
  }

  static Stream<Arguments> routesAheadOrNot() {
    return Stream.of(
        Arguments.of(
            "the routes give the canary more: the status lost a write", 0, false, "b", 10, 10),
        Arguments.of("from one step to the next", 20, false, "b", 30, 30),
        Arguments.of(
            "the routes give it less: decided again from the status", 30, false, "b", 10, 30),
        Arguments.of("the same weight", 30, false, "b", 30, 30),
        Arguments.of("the routes' canary is another revision", 0, false, "c", 40, 0),
        Arguments.of("no canary subset (no mesh)", 0, false, null, 0, 0),
        Arguments.of("all traffic: a promotion, decided again", 50, false, "b", 100, 50),
        Arguments.of("a promotion under way is decided again", 50, true, "b", 80, 50));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routesAheadOrNot")
  void aStatusBehindTheRoutesGoesOnFromTheRoutedWeight(
      String description,
      int rememberedWeight,
      boolean promoting,
      String routedCanary,
      int routedWeight,
      int expectedWeight) {
    MicroserviceStatus status =
        MicroserviceStatus.builder()
            .stableRevision("a")
            .canaryRevision("b")
            .canaryWeight(rememberedWeight)
            .currentStepIndex(1)
            .rollout(
                promoting
                    ? new RolloutState(null, null, null, true, null, null, null, null, null)
                    : null)
            .build();
    Recovery.Result result =
        Recovery.recover(
            status,
            "b",
            cluster("a:10/10, b:2/2"),
            new Recovery.Routed("a", null, routedCanary, routedWeight),
            NOW);
    assertThat(result.status().canaryWeight()).as(description).isEqualTo(expectedWeight);
    assertThat(result.status().currentStepIndex()).as("the step is the status's").isEqualTo(1);
    if (expectedWeight == rememberedWeight) {
      assertThat(result.status()).isSameAs(status);
      assertThat(result.note()).isNull();
    } else {
      assertThat(result.note())
          .contains("remembered " + rememberedWeight + "%")
          .contains("the routes give it " + routedWeight + "%");
    }
  }

  /**
   * The operator dies after routing 10 % to the canary and before the status says so; a pause is
   * asked for meanwhile. The canary is paused at the 10 % it has — traffic never goes back to 0 %
   * first.
   */
  @Test
  void aPauseAfterALostWeightHoldsTheRoutedWeight() {
    var sim = new RolloutSimulation(STEPS.formatted("a"), "a", true).settle();
    sim.deploy(STEPS.formatted("b"), "b");
    assertThat(sim.status().canaryWeight()).isEqualTo(10);
    sim.loseWritesAfter(
        s -> "b".equals(s.canaryRevision()) && (s.canaryWeight() == null || s.canaryWeight() == 0));
    int weightsBefore = sim.weights().size();
    sim.act("alice", Pause, null);
    assertThat(sim.weights().subList(weightsBefore - 1, sim.weights().size()))
        .as("no weight given back")
        .containsOnly(10);
    assertThat(sim.status().canaryWeight()).isEqualTo(10);
    assertThat(sim.status().phase()).isEqualTo(Phase.Paused);
  }

  @Test
  void nothingReadyAnywhereStartsAsFromNothing() {
    MicroserviceStatus lost =
        MicroserviceStatus.builder().stableRevision("z").canaryRevision("b").build();
    Recovery.Result result =
        Recovery.recover(lost, "b", cluster("a:0/0, b:2/0"), Recovery.Routed.NOTHING, NOW);
    assertThat(result.status().stableRevision()).isNull();
    assertThat(result.note()).isNull();
  }

  private static final String STEPS =
      """
      image: shop/order:%s
      replicas: 10
      rollout:
        strategy: Canary
        canary:
          scaleDownDelaySeconds: 30
          steps: [{setWeight: 10}, {pause: {duration: 1m}}, {setWeight: 50}, {pause: {}}, {setWeight: 80}]
      """;

  /**
   * The status lost at every point of a canary: before it takes traffic, at 10 %, in the timed
   * pause, at 50 % in the indefinite pause. Each time revision a keeps serving at full size, and b
   * is promoted only after walking every step again.
   */
  @ParameterizedTest(name = "lost after {0} decisions of the rollout")
  @MethodSource("pointsOfACanary")
  void aCanaryWhoseStatusIsLostIsNeverPromotedUntested(int point, boolean mesh) {
    var sim = new RolloutSimulation(STEPS.formatted("a"), "a", mesh).settle();
    sim.deploy(STEPS.formatted("b"), "b");
    if (point >= 1) {
      sim.advance(Duration.ofSeconds(30));
    }
    if (point >= 2) {
      sim.advance(Duration.ofSeconds(30));
    }
    int weightsBefore = sim.weights().size();
    sim.loseStatus();
    assertThat(sim.status().stableRevision()).isEqualTo("a");
    assertThat(sim.replicas()).containsEntry("a", 10);
    assertThat(sim.status().history()).extracting(HistoryEntry::action).contains("RebuildStatus");
    assertThat(sim.status().canaryWeight()).as("b at its first step again").isEqualTo(10);

    sim.advance(Duration.ofMinutes(1)).act("alice", Promote, null);
    assertThat(sim.status().stableRevision()).isEqualTo("b");
    List<Integer> after = sim.weights().subList(weightsBefore - 1, sim.weights().size());
    assertThat(after).as("every step walked again after the loss").containsSubsequence(10, 50, 80);
    assertThat(sim.status().phase()).isEqualTo(Phase.Healthy);
  }

  static Stream<Arguments> pointsOfACanary() {
    return Stream.of(
        Arguments.of(0, true),
        Arguments.of(1, true),
        Arguments.of(2, true),
        Arguments.of(0, false),
        Arguments.of(2, false));
  }

  @Test
  void aBlueGreenPreviewWhoseStatusIsLostWaitsForItsSwitchAgain() {
    String spec =
        """
        image: shop/order:%s
        replicas: 4
        rollout: {strategy: BlueGreen, blueGreen: {scaleDownDelaySeconds: 30}}
        """;
    for (boolean mesh : List.of(true, false)) {
      var sim = new RolloutSimulation(spec.formatted("a"), "a", mesh).settle();
      sim.deploy(spec.formatted("b"), "b");
      assertThat(sim.status().phase()).isEqualTo(Phase.Paused);
      sim.loseStatus();
      assertThat(sim.status().stableRevision()).as("mesh %s", mesh).isEqualTo("a");
      assertThat(sim.status().canaryRevision()).isEqualTo("b");
      assertThat(sim.status().phase())
          .as("the preview waits for the switch again")
          .isEqualTo(Phase.Paused);
      assertThat(sim.replicas()).containsEntry("a", 4).containsEntry("b", 4);
    }
  }
}
