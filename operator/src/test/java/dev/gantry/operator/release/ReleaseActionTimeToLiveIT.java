package dev.gantry.operator.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answered ReleaseActions are deleted after their time to live, by a running operator. */
class ReleaseActionTimeToLiveIT {

  @Test
  void answeredActionsAreDeletedAfterTheirTimeToLive() {
    LocalCluster cluster = LocalCluster.shared();
    Microservices services = new Microservices(cluster, cluster.createNamespace("ttl"));
    try (RunningOperator operator =
        RunningOperator.start(
            cluster, services.namespace(), Map.of("GANTRY_RELEASE_ACTION_TTL", "3s"))) {
      services.create("order", "image: shop/order:1");
      services.await("order", "healthy", s -> s.phase() == Phase.Healthy);
      var rejected = services.gantry("pause", "order");
      assertThat(rejected.code()).as("answered: no rollout to pause").isEqualTo(1);
      assertThat(
              cluster
                  .admin()
                  .resources(ReleaseAction.class)
                  .inNamespace(services.namespace())
                  .list()
                  .getItems())
          .hasSize(1);
      await("answered action deleted")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  cluster
                      .admin()
                      .resources(ReleaseAction.class)
                      .inNamespace(services.namespace())
                      .list()
                      .getItems()
                      .isEmpty());
      assertThat(services.get("order").getStatus().history()).as("the history keeps it").hasSize(1);
    }
  }
}
