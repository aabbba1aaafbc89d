package dev.gantry.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator killed with SIGKILL in the middle of a rollout, and started again: the rollout's
 * state lives in the Microservice's status, so the new process continues where the old one stopped,
 * and nothing is lost or duplicated.
 */
class OperatorRestartIT {

  @Test
  void killedMidRolloutConvergesAfterRestart() {
    LocalCluster cluster = LocalCluster.dedicated("restart");
    String namespace = cluster.createNamespace("restart");
    Path log = Path.of("target", "operator-restart-it.log");
    OperatorProcess first = OperatorProcess.start(cluster, namespace, log);
    try {
      Microservice ms = new Microservice();
      ms.setMetadata(new ObjectMetaBuilder().withName("order").withNamespace(namespace).build());
      ms.setSpec(
          Serialization.unmarshal("image: shop/order:1\nreplicas: 3", MicroserviceSpec.class));
      cluster.microservices().inNamespace(namespace).resource(ms).create();
      String stable =
          await("first revision healthy")
              .atMost(Duration.ofSeconds(90))
              .until(() -> status(cluster, namespace), s -> s != null && s.phase() == Phase.Healthy)
              .stableRevision();

      // New pods cannot be scheduled while every node is cordoned: the rollout stays in progress.
      cluster.kubectl("cordon", "-l", "type=kwok");
      cluster
          .microservices()
          .inNamespace(namespace)
          .withName("order")
          .edit(
              m -> {
                m.setSpec(
                    Serialization.unmarshal(
                        "image: shop/order:2\nreplicas: 3", MicroserviceSpec.class));
                return m;
              });
      String canary =
          await("rollout under way")
              .atMost(Duration.ofSeconds(30))
              .until(() -> status(cluster, namespace), s -> s.canaryRevision() != null)
              .canaryRevision();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  cluster
                          .admin()
                          .apps()
                          .deployments()
                          .inNamespace(namespace)
                          .withName("order-" + canary)
                          .get()
                      != null);

      first.kill();
      assertThat(first.isAlive()).isFalse();

      try (OperatorProcess second = OperatorProcess.start(cluster, namespace, log)) {
        var resumed = status(cluster, namespace);
        assertThat(resumed.stableRevision())
            .as("stable revision survives the restart")
            .isEqualTo(stable);
        assertThat(resumed.canaryRevision()).isEqualTo(canary);
        assertThat(resumed.phase()).isEqualTo(Phase.Progressing);

        cluster.kubectl("uncordon", "-l", "type=kwok");
        var done =
            await("rollout completed by the new process")
                .atMost(Duration.ofSeconds(90))
                .until(
                    () -> status(cluster, namespace),
                    s -> s.phase() == Phase.Healthy && canary.equals(s.stableRevision()));
        assertThat(done.previousRevision()).isEqualTo(stable);
        await("old revision scaled to zero")
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  List<Deployment> deployments =
                      cluster.admin().apps().deployments().inNamespace(namespace).list().getItems();
                  assertThat(deployments)
                      .extracting(d -> d.getMetadata().getName() + "=" + d.getSpec().getReplicas())
                      .containsExactlyInAnyOrder(
                          "order-" + canary + "=3", "order-" + stable + "=0");
                });
        assertThat(second.isAlive()).isTrue();
      }
    } finally {
      cluster.kubectl("uncordon", "-l", "type=kwok");
      first.close();
    }
  }

  @Test
  void killedAtARandomCanaryStepSkipsNoWeightAndLosesNoAction() throws Exception {
    LocalCluster cluster = LocalCluster.dedicated("restart");
    cluster.installThirdPartyCrds();
    Microservices services = new Microservices(cluster, cluster.createNamespace("canary-restart"));
    String namespace = services.namespace();
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    Path log = Path.of("target", "operator-restart-canary-it.log");
    String spec =
        """
        image: shop/order:%s
        replicas: 2
        rollout:
          strategy: Canary
          canary:
            scaleDownDelaySeconds: 1
            steps:
            - setWeight: 10
            - pause: {duration: 1s}
            - setWeight: 20
            - pause: {duration: 1s}
            - setWeight: 30
            - pause: {duration: 1s}
            - setWeight: 40
            - pause: {duration: 1s}
            - setWeight: 50
        """;
    OperatorProcess first = OperatorProcess.start(cluster, namespace, log);
    try {
      services.create("order", spec.formatted("1"));
      services.await("order", "healthy", Duration.ofSeconds(90), s -> s.phase() == Phase.Healthy);
      try (var recorder = services.recordWeights("order")) {
        services.edit("order", spec.formatted("2"));
        long killAfter = 500 + random.nextInt(3500);
        Thread.sleep(killAfter); // the random moment of the crash, not a wait for a condition
        first.kill();
        String killedAt =
            "killed "
                + killAfter
                + " ms into the rollout (seed "
                + seed
                + ") at weights "
                + recorder.weights();

        // An action made while no operator runs must not be lost.
        ReleaseAction pause = new ReleaseAction();
        pause.setMetadata(
            new ObjectMetaBuilder().withName("pause-while-down").withNamespace(namespace).build());
        pause.setSpec(
            new ReleaseActionSpec(
                "order", ReleaseActionSpec.Action.Pause, null, "crash drill", "gantry-admin"));
        cluster.admin().resource(pause).create();

        try (OperatorProcess second = OperatorProcess.start(cluster, namespace, log)) {
          var outcome =
              await(killedAt + ": the pause is applied")
                  .atMost(Duration.ofSeconds(60))
                  .until(
                      () ->
                          cluster
                              .admin()
                              .resources(ReleaseAction.class)
                              .inNamespace(namespace)
                              .withName("pause-while-down")
                              .get(),
                      a -> a.getStatus() != null && a.getStatus().outcome() != null)
                  .getStatus();
          if ("Applied".equals(outcome.outcome())) {
            services.await("order", "paused", s -> s.rolloutState().isPaused());
            assertThat(services.gantry("resume", "order").code()).isZero();
          } else {
            assertThat(outcome.message()).as(killedAt).contains("no rollout is in progress");
          }
          var done =
              services.await(
                  "order",
                  killedAt + ": promoted",
                  Duration.ofSeconds(90),
                  s ->
                      s.phase() == Phase.Healthy
                          && s.canaryRevision() == null
                          && s.previousRevision() != null);
          services.awaitCanaryWeight("order", 0);
          assertThat(recorder.weights()).as(killedAt).containsExactly(0, 10, 20, 30, 40, 50, 0);
          assertThat(done.history())
              .as("the action is recorded once")
              .filteredOn(h -> "pause-while-down".equals(h.actionName()))
              .hasSize(1);
        }
      }
    } finally {
      first.close();
    }
  }

  private static dev.gantry.operator.api.MicroserviceStatus status(
      LocalCluster cluster, String namespace) {
    Microservice ms = cluster.microservices().inNamespace(namespace).withName("order").get();
    return ms == null ? null : ms.getStatus();
  }
}
