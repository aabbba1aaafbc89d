package dev.gantry.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * On a cluster without Istio or Prometheus-Operator the operator manages everything else; when
 * their CRDs are installed later, it picks the new kinds up without a restart.
 */
class OptionalKindsIT {

  @Test
  void skipsAbsentKindsAndPicksThemUpWhenInstalled() {
    LocalCluster cluster = LocalCluster.dedicated("bare");
    String namespace = cluster.createNamespace("optional");
    try (RunningOperator operator = RunningOperator.start(cluster, namespace)) {
      Microservice ms = new Microservice();
      ms.setMetadata(new ObjectMetaBuilder().withName("member").withNamespace(namespace).build());
      ms.setSpec(
          Serialization.unmarshal(
              "image: shop/member:1\ndiscovery: {enabled: true}", MicroserviceSpec.class));
      cluster.microservices().inNamespace(namespace).resource(ms).create();
      var bare =
          await("healthy without the optional kinds")
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> get(cluster, namespace),
                  m -> m.getStatus() != null && m.getStatus().phase() == Phase.Healthy);
      assertThat(cluster.admin().services().inNamespace(namespace).withName("member").get())
          .isNotNull();
      assertThat(envOf(cluster, namespace, bare.getStatus().stableRevision()))
          .as("outside a mesh, services resolve through the registry")
          .contains("GANTRY_DISCOVERY_MODE=registry");
      assertThat(operator.counter("gantry_reconciliation_failures_total")).isZero();

      cluster.installThirdPartyCrds();

      await("routes and monitor created for the existing Microservice")
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(
                        cluster
                            .admin()
                            .resources(VirtualService.class)
                            .inNamespace(namespace)
                            .withName("member")
                            .get())
                    .isNotNull();
                assertThat(
                        cluster
                            .admin()
                            .resources(DestinationRule.class)
                            .inNamespace(namespace)
                            .withName("member")
                            .get())
                    .isNotNull();
                assertThat(
                        cluster
                            .admin()
                            .resources(ServiceMonitor.class)
                            .inNamespace(namespace)
                            .withName("member")
                            .get())
                    .isNotNull();
              });
      // Inside the mesh, calls must go through Service DNS: the pods change, so a new revision
      // rolls out.
      var meshed =
          await("rolled out into the mesh")
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> get(cluster, namespace),
                  m ->
                      m.getStatus().phase() == Phase.Healthy
                          && !bare.getStatus()
                              .stableRevision()
                              .equals(m.getStatus().stableRevision()));
      assertThat(envOf(cluster, namespace, meshed.getStatus().stableRevision()))
          .contains("GANTRY_DISCOVERY_MODE=mesh");
    }
  }

  private static Microservice get(LocalCluster cluster, String namespace) {
    return cluster.microservices().inNamespace(namespace).withName("member").get();
  }

  private static String envOf(LocalCluster cluster, String namespace, String revision) {
    return cluster.kubectl(
        "get",
        "-n",
        namespace,
        "deployment",
        "member-" + revision,
        "-o",
        "jsonpath={range .spec.template.spec.containers[0].env[*]}{.name}={.value}{\"\\n\"}{end}");
  }
}
