package dev.gantry.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two replicas of the operator: one leads and reconciles; when it goes, the other takes over. */
class LeaderElectionIT {

  @Test
  void standbyTakesOverWhenTheLeaderStops() {
    LocalCluster cluster = LocalCluster.shared();
    Microservices services = new Microservices(cluster, cluster.createNamespace("leader"));
    String namespace = services.namespace();
    RunningOperator first =
        RunningOperator.start(cluster, namespace, Map.of("POD_NAME", "operator-a"));
    try (RunningOperator second =
        RunningOperator.start(cluster, namespace, Map.of("POD_NAME", "operator-b"))) {
      await("a leader")
          .atMost(Duration.ofSeconds(30))
          .until(() -> holder(cluster, namespace) != null);
      String leader = holder(cluster, namespace);
      assertThat(leader).isIn("operator-a", "operator-b");

      services.create("order", "image: shop/order:1");
      String firstRevision =
          services.await("order", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
      assertThat(
              second.counter("gantry_reconciliations_total")
                  + first.counter("gantry_reconciliations_total"))
          .isPositive();
      RunningOperator leading = leader.equals("operator-a") ? first : second;
      RunningOperator standby = leading == first ? second : first;
      assertThat(standby.counter("gantry_reconciliations_total"))
          .as("the standby does not reconcile")
          .isZero();

      leading.close();
      services.edit("order", "image: shop/order:2");
      services.await(
          "order",
          "rolled out by the new leader",
          Duration.ofSeconds(60),
          s -> s.phase() == Phase.Healthy && !firstRevision.equals(s.stableRevision()));
      assertThat(holder(cluster, namespace))
          .isEqualTo(leading == first ? "operator-b" : "operator-a");
      assertThat(standby.counter("gantry_reconciliations_total")).isPositive();
    } finally {
      first.close();
    }
  }

  private static String holder(LocalCluster cluster, String namespace) {
    Lease lease =
        cluster.admin().leases().inNamespace(namespace).withName("gantry-operator-leader").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
