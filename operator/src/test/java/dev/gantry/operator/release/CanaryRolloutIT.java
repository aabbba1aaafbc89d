package dev.gantry.operator.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Canary releases through Istio routes on a real control plane, steered with kubectl gantry: steps
 * with timed and indefinite pauses, set-weight, promote, promote --full, abort, undo, a new image
 * mid-rollout, A/B matches and mirroring.
 */
class CanaryRolloutIT {

  private static final String CANARY =
      """
      image: shop/order:%s
      replicas: 4
      rollout:
        strategy: Canary
        canary:
          scaleDownDelaySeconds: 2
          steps:
          - setWeight: 25
          - pause: {}
          - setWeight: 50
          - pause: {duration: 2s}
          - setWeight: 75
      """;

  private static LocalCluster cluster;
  private static Microservices services;
  private static RunningOperator operator;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.shared();
    services = new Microservices(cluster, cluster.createNamespace("canary"));
    operator = RunningOperator.start(cluster, services.namespace());
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void stepsWithPausesThenPromotionWithoutSkippingAWeight() {
    services.create("steps", CANARY.formatted("1"));
    String first =
        services.await("steps", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
    try (var recorder = services.recordWeights("steps")) {
      services.edit("steps", CANARY.formatted("2"));
      var paused =
          services.await(
              "steps",
              "paused at the first pause",
              s -> s.phase() == Phase.Paused && Integer.valueOf(25).equals(s.canaryWeight()));
      String canary = paused.canaryRevision();
      assertThat(deployment("steps-" + canary).getSpec().getReplicas())
          .as("capacity for 25% of 4")
          .isEqualTo(1);
      assertThat(deployment("steps-" + first).getSpec().getReplicas()).isEqualTo(4);
      services.awaitCanaryWeight("steps", 25);
      assertThat(
              cluster
                  .admin()
                  .resources(DestinationRule.class)
                  .inNamespace(services.namespace())
                  .withName("steps")
                  .get()
                  .getSpec()
                  .getSubsets())
          .anySatisfy(
              s -> {
                assertThat(s.getName()).isEqualTo("canary");
                assertThat(s.getLabels()).containsEntry("gantry.dev/revision", canary);
              });

      var status = services.gantry("status", "steps");
      assertThat(status.code()).isZero();
      assertThat(status.out())
          .contains("phase Paused")
          .contains("canary   " + canary)
          .contains("step 1 of 5")
          .contains("25% of traffic");

      var promoted = services.gantry("promote", "steps", "--reason", "looks good");
      assertThat(promoted.code()).as(promoted.err()).isZero();
      assertThat(promoted.out()).contains("moves on to step 2");

      var done =
          services.await(
              "steps",
              "promoted",
              s -> s.phase() == Phase.Healthy && canary.equals(s.stableRevision()));
      assertThat(done.previousRevision()).isEqualTo(first);
      services.awaitCanaryWeight("steps", 0);
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(deployment("steps-" + first).getSpec().getReplicas())
                      .as("scaled down after the delay")
                      .isZero());
      assertThat(recorder.weights()).containsExactly(0, 25, 50, 75, 0);
    }
    var history = services.gantry("history", "steps");
    assertThat(history.out())
        .contains("Promote")
        .contains("Applied")
        .contains("reason: looks good");
  }

  @Test
  void setWeightHoldsThenPromoteFullFinishes() {
    services.create("weights", CANARY.formatted("1"));
    services.await("weights", "healthy", s -> s.phase() == Phase.Healthy);
    services.edit("weights", CANARY.formatted("2"));
    services.await("weights", "at 25%", s -> Integer.valueOf(25).equals(s.canaryWeight()));

    var set = services.gantry("set-weight", "weights", "60");
    assertThat(set.code()).as(set.err()).isZero();
    services.awaitCanaryWeight("weights", 60);
    var held = services.await("weights", "held", s -> s.rolloutState().manualWeight() != null);
    assertThat(held.canaryReplicas()).as("capacity for 60% of 4").isEqualTo(3);
    assertThat(services.get("weights").getStatus().history().get(0).user())
        .isEqualTo("gantry-admin");

    var full = services.gantry("promote", "weights", "--full");
    assertThat(full.code()).as(full.err()).isZero();
    services.await(
        "weights", "promoted", s -> s.phase() == Phase.Healthy && s.canaryRevision() == null);
    services.awaitCanaryWeight("weights", 0);
  }

  @Test
  void abortSendsAllTrafficBackAndUndoReturnsToThePreviousRevision() {
    services.create("aborts", CANARY.formatted("1"));
    String first =
        services.await("aborts", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
    services.edit("aborts", CANARY.formatted("2"));
    String second =
        services
            .await("aborts", "at 25%", s -> Integer.valueOf(25).equals(s.canaryWeight()))
            .canaryRevision();

    var abort = services.gantry("abort", "aborts", "--reason", "errors");
    assertThat(abort.code()).as(abort.err()).isZero();
    services.awaitCanaryWeight("aborts", 0);
    cluster.kubectl(
        "wait",
        "-n",
        services.namespace(),
        "--for=jsonpath={.status.phase}=Aborted",
        "--timeout=30s",
        "microservice/aborts");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> assertThat(deployment("aborts-" + second).getSpec().getReplicas()).isZero());

    var again = services.gantry("abort", "aborts");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).startsWith("rejected: ").contains("already held back");

    // Resume starts the held revision again; promote it fully, then undo back to the first.
    assertThat(services.gantry("resume", "aborts").code()).isZero();
    services.await(
        "aborts",
        "at 25% again",
        s -> second.equals(s.canaryRevision()) && Integer.valueOf(25).equals(s.canaryWeight()));
    assertThat(services.gantry("promote", "aborts", "--full").code()).isZero();
    services.await(
        "aborts", "promoted", s -> second.equals(s.stableRevision()) && s.phase() == Phase.Healthy);

    var undo = services.gantry("undo", "aborts");
    assertThat(undo.code()).as(undo.err()).isZero();
    var undone = services.await("aborts", "undone", s -> first.equals(s.stableRevision()));
    assertThat(undone.phase()).isEqualTo(Phase.Aborted);
    assertThat(undone.rolloutState().heldRevision()).isEqualTo(second);
    assertThat(deployment("aborts-" + first).getSpec().getReplicas()).isEqualTo(4);
  }

  @Test
  void newImageMidRolloutSupersedesTheCanary() {
    services.create("supersede", CANARY.formatted("1"));
    services.await("supersede", "healthy", s -> s.phase() == Phase.Healthy);
    services.edit("supersede", CANARY.formatted("2"));
    String second =
        services
            .await("supersede", "at 25%", s -> Integer.valueOf(25).equals(s.canaryWeight()))
            .canaryRevision();
    services.edit("supersede", CANARY.formatted("3"));
    var third =
        services.await(
            "supersede",
            "new canary",
            s ->
                s.canaryRevision() != null
                    && !second.equals(s.canaryRevision())
                    && Integer.valueOf(25).equals(s.canaryWeight()));
    assertThat(third.currentStepIndex()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .admin()
                            .apps()
                            .deployments()
                            .inNamespace(services.namespace())
                            .withName("supersede-" + second)
                            .get())
                    .as("superseded canary removed")
                    .isNull());
  }

  @Test
  void abMatchAndMirrorAreRoutedToTheCanary() {
    String spec =
        """
        image: shop/member:%s
        replicas: 2
        rollout:
          strategy: Canary
          canary:
            mirrorPercent: 10
            match:
            - header: {name: x-canary, exact: "yes"}
            - cookie: {name: beta, value: "1"}
            steps: [{setWeight: 10}, {pause: {}}]
        """;
    services.create("ab", spec.formatted("1"));
    services.await("ab", "healthy", s -> s.phase() == Phase.Healthy);
    VirtualService quiet =
        cluster
            .admin()
            .resources(VirtualService.class)
            .inNamespace(services.namespace())
            .withName("ab")
            .get();
    assertThat(quiet.getSpec().getHttp())
        .extracting(r -> r.getName())
        .as("no canary, no A/B route")
        .containsExactly("primary");

    services.edit("ab", spec.formatted("2"));
    services.await("ab", "paused", s -> s.phase() == Phase.Paused);
    VirtualService vs =
        cluster
            .admin()
            .resources(VirtualService.class)
            .inNamespace(services.namespace())
            .withName("ab")
            .get();
    assertThat(vs.getSpec().getHttp())
        .extracting(r -> r.getName())
        .containsExactly("canary-match", "primary");
    var ab = vs.getSpec().getHttp().get(0);
    assertThat(ab.getMatch()).hasSize(2);
    assertThat(ab.getMatch().get(0).getHeaders()).containsKey("x-canary");
    assertThat(ab.getMatch().get(1).getHeaders()).containsKey("cookie");
    assertThat(ab.getRoute())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDestination().getSubset()).isEqualTo("canary");
              assertThat(d.getWeight()).isEqualTo(100);
            });
    var primary = vs.getSpec().getHttp().get(1);
    assertThat(primary.getMirror().getSubset()).isEqualTo("canary");
    assertThat(primary.getMirrorPercentage().getValue()).isEqualTo(10.0);
  }

  @Test
  void actionForAnUnknownTargetIsRejected() {
    ReleaseAction action = new ReleaseAction();
    action.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("ghost-promote")
            .withNamespace(services.namespace())
            .build());
    action.setSpec(
        new dev.gantry.operator.api.ReleaseActionSpec(
            "ghost",
            dev.gantry.operator.api.ReleaseActionSpec.Action.Promote,
            null,
            null,
            "gantry-admin"));
    cluster.admin().resource(action).create();
    var rejected =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    cluster
                        .admin()
                        .resources(ReleaseAction.class)
                        .inNamespace(services.namespace())
                        .withName("ghost-promote")
                        .get(),
                a -> a.getStatus() != null);
    assertThat(rejected.getStatus().outcome()).isEqualTo("Rejected");
    assertThat(rejected.getStatus().message()).contains("unknown target").contains("ghost");

    var cli = services.gantry("promote", "ghost");
    assertThat(cli.code()).isEqualTo(2);
    assertThat(cli.err().strip())
        .isEqualTo("error: microservice ghost not found in namespace " + services.namespace());
  }

  private static Deployment deployment(String name) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                cluster
                    .admin()
                    .apps()
                    .deployments()
                    .inNamespace(services.namespace())
                    .withName(name)
                    .get(),
            d -> d != null);
  }
}
