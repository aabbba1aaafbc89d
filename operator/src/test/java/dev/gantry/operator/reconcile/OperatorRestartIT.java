package dev.gantry.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
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
 * state lives in the Microservice's status, so the new process continues where the old one
 * stopped, and nothing is lost or duplicated.
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
      ms.setSpec(Serialization.unmarshal("image: shop/order:1\nreplicas: 3", MicroserviceSpec.class));
      cluster.microservices().inNamespace(namespace).resource(ms).create();
      String stable = await("first revision healthy").atMost(Duration.ofSeconds(90))
          .until(() -> status(cluster, namespace), s -> s != null && s.phase() == Phase.Healthy).stableRevision();

      // New pods cannot be scheduled while every node is cordoned: the rollout stays in progress.
      cluster.kubectl("cordon", "-l", "type=kwok");
      cluster.microservices().inNamespace(namespace).withName("order").edit(m -> {
        m.setSpec(Serialization.unmarshal("image: shop/order:2\nreplicas: 3", MicroserviceSpec.class));
        return m;
      });
      String canary = await("rollout under way").atMost(Duration.ofSeconds(30))
          .until(() -> status(cluster, namespace), s -> s.canaryRevision() != null).canaryRevision();
      await().atMost(Duration.ofSeconds(30)).until(() ->
          cluster.admin().apps().deployments().inNamespace(namespace).withName("order-" + canary).get() != null);

      first.kill();
      assertThat(first.isAlive()).isFalse();

      try (OperatorProcess second = OperatorProcess.start(cluster, namespace, log)) {
        var resumed = status(cluster, namespace);
        assertThat(resumed.stableRevision()).as("stable revision survives the restart").isEqualTo(stable);
        assertThat(resumed.canaryRevision()).isEqualTo(canary);
        assertThat(resumed.phase()).isEqualTo(Phase.Progressing);

        cluster.kubectl("uncordon", "-l", "type=kwok");
        var done = await("rollout completed by the new process").atMost(Duration.ofSeconds(90))
            .until(() -> status(cluster, namespace),
                s -> s.phase() == Phase.Healthy && canary.equals(s.stableRevision()));
        assertThat(done.previousRevision()).isEqualTo(stable);
        await("old revision scaled to zero").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          List<Deployment> deployments = cluster.admin().apps().deployments().inNamespace(namespace).list().getItems();
          assertThat(deployments).extracting(d -> d.getMetadata().getName() + "=" + d.getSpec().getReplicas())
              .containsExactlyInAnyOrder("order-" + canary + "=3", "order-" + stable + "=0");
        });
        assertThat(second.isAlive()).isTrue();
      }
    } finally {
      cluster.kubectl("uncordon", "-l", "type=kwok");
      first.close();
    }
  }

  private static dev.gantry.operator.api.MicroserviceStatus status(LocalCluster cluster, String namespace) {
    Microservice ms = cluster.microservices().inNamespace(namespace).withName("order").get();
    return ms == null ? null : ms.getStatus();
  }
}
