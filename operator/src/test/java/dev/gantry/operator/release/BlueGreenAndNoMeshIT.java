package dev.gantry.operator.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Blue-green with the mesh (preview hosts, manual and automatic promotion) and, on a cluster
 * without Istio, blue-green by Service selector and canary weights approximated by replicas.
 */
class BlueGreenAndNoMeshIT {

  private static final String BLUE_GREEN =
      """
      image: shop/barista:%s
      replicas: 3
      rollout:
        strategy: BlueGreen
        blueGreen: {%s scaleDownDelaySeconds: 1, previewHosts: [barista-preview.shop.example]}
      """;

  @Test
  void blueGreenWithTheMeshManualAndAutomatic() {
    LocalCluster cluster = LocalCluster.shared();
    Microservices services = new Microservices(cluster, cluster.createNamespace("bluegreen"));
    try (RunningOperator operator = RunningOperator.start(cluster, services.namespace())) {
      services.create("manual", BLUE_GREEN.formatted("1", ""));
      String blue =
          services.await("manual", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
      services.edit("manual", BLUE_GREEN.formatted("2", ""));
      var waiting = services.await("manual", "preview ready", s -> s.phase() == Phase.Paused);
      String green = waiting.canaryRevision();
      assertThat(waiting.canaryReadyReplicas()).as("green at full size").isEqualTo(3);
      assertThat(services.canaryWeight("manual")).isZero();
      VirtualService vs =
          cluster
              .admin()
              .resources(VirtualService.class)
              .inNamespace(services.namespace())
              .withName("manual")
              .get();
      assertThat(vs.getSpec().getHosts()).contains("barista-preview.shop.example");
      assertThat(vs.getSpec().getHttp().get(0).getName()).isEqualTo("preview");
      assertThat(vs.getSpec().getHttp().get(0).getRoute().get(0).getDestination().getSubset())
          .isEqualTo("canary");
      assertThat(previewSelects(cluster, services, "manual")).isEqualTo(green);

      var promote = services.gantry("promote", "manual");
      assertThat(promote.code()).as(promote.err()).isZero();
      var switched = services.await("manual", "switched", s -> green.equals(s.stableRevision()));
      assertThat(switched.previousRevision()).isEqualTo(blue);
      services.awaitCanaryWeight("manual", 0);
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
                              .withName("manual-" + blue)
                              .get()
                              .getSpec()
                              .getReplicas())
                      .isZero());

      services.create("auto", BLUE_GREEN.formatted("1", "autoPromotionSeconds: 2,"));
      String autoBlue =
          services.await("auto", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
      services.edit("auto", BLUE_GREEN.formatted("2", "autoPromotionSeconds: 2,"));
      services.await("auto", "waiting for auto-promotion", s -> s.phase() == Phase.Paused);
      var auto =
          services.await(
              "auto",
              "promoted by itself",
              Duration.ofSeconds(30),
              s -> s.phase() == Phase.Healthy && !autoBlue.equals(s.stableRevision()));
      assertThat(auto.history()).as("nobody acted").isEmpty();
    }
  }

  @Test
  void withoutTheMeshBlueGreenSwitchesTheSelectorAndCanaryUsesReplicas() {
    LocalCluster cluster = LocalCluster.dedicated("nomesh");
    Microservices services = new Microservices(cluster, cluster.createNamespace("nomesh"));
    try (RunningOperator operator = RunningOperator.start(cluster, services.namespace())) {
      services.create("switch", BLUE_GREEN.formatted("1", ""));
      String blue =
          services.await("switch", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
      assertThat(serviceSelects(cluster, services, "switch")).isEqualTo(blue);
      services.edit("switch", BLUE_GREEN.formatted("2", ""));
      String green =
          services
              .await("switch", "preview ready", s -> s.phase() == Phase.Paused)
              .canaryRevision();
      assertThat(serviceSelects(cluster, services, "switch"))
          .as("all traffic still on blue")
          .isEqualTo(blue);
      assertThat(previewSelects(cluster, services, "switch")).isEqualTo(green);
      assertThat(services.gantry("promote", "switch").code()).isZero();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> green.equals(serviceSelects(cluster, services, "switch")));

      services.create(
          "ratio",
          """
          image: shop/order:1
          replicas: 4
          rollout: {strategy: Canary, canary: {steps: [{setWeight: 20}, {pause: {}}]}}
          """);
      services.await("ratio", "healthy", s -> s.phase() == Phase.Healthy);
      services.edit(
          "ratio",
          """
          image: shop/order:2
          replicas: 4
          rollout: {strategy: Canary, canary: {steps: [{setWeight: 20}, {pause: {}}]}}
          """);
      var approximated =
          services.await(
              "ratio",
              "paused at 20%",
              s ->
                  s.phase() == Phase.Paused
                      && s.canaryReadyReplicas() != null
                      && s.canaryReadyReplicas() == 1);
      assertThat(approximated.trafficSplit())
          .isEqualTo("no mesh: 20% approximated by replicas, 1 canary / 4 stable ready (20%)");
      assertThat(approximated.condition("Progressing").orElseThrow().getStatus()).isEqualTo("True");
    }
  }

  private static String serviceSelects(LocalCluster cluster, Microservices services, String name) {
    Service svc = cluster.admin().services().inNamespace(services.namespace()).withName(name).get();
    return svc == null ? null : svc.getSpec().getSelector().get("gantry.dev/revision");
  }

  private static String previewSelects(LocalCluster cluster, Microservices services, String name) {
    Service svc =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    cluster
                        .admin()
                        .services()
                        .inNamespace(services.namespace())
                        .withName(name + "-preview")
                        .get(),
                s -> s != null);
    return svc.getSpec().getSelector().get("gantry.dev/revision");
  }
}
