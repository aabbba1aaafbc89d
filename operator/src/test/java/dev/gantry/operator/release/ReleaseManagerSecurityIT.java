package dev.gantry.operator.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/**
 * A release manager holding only {@code gantry-release-manager} moves traffic but cannot edit the
 * Microservice, and nobody can make an action in someone else's name.
 */
class ReleaseManagerSecurityIT {

  @Test
  void releaseManagerShiftsWeightButCannotEditAndCannotForgeRequestedBy() throws Exception {
    LocalCluster cluster = LocalCluster.shared();
    Microservices services = new Microservices(cluster, cluster.createNamespace("rbac"));
    String namespace = services.namespace();
    cluster
        .admin()
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("alice-releases")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName("gantry-release-manager")
                .endRoleRef()
                .addNewSubject()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("User")
                .withName("alice")
                .endSubject()
                .build())
        .create();

    try (RunningOperator operator = RunningOperator.start(cluster, namespace)) {
      String spec =
          """
          image: shop/order:%s
          replicas: 2
          rollout: {strategy: Canary, canary: {steps: [{setWeight: 10}, {pause: {}}]}}
          """;
      services.create("order", spec.formatted("1"));
      services.await("order", "healthy", s -> s.phase() == Phase.Healthy);
      services.edit("order", spec.formatted("2"));
      services.await("order", "paused", s -> s.phase() == Phase.Paused);

      var asAlice = services.gantry("--as", "alice", "set-weight", "order", "30");
      assertThat(asAlice.code()).as(asAlice.err()).isZero();
      services.awaitCanaryWeight("order", 30);
      assertThat(services.get("order").getStatus().history())
          .anySatisfy(h -> assertThat(h.user() + " " + h.action()).isEqualTo("alice SetWeight"));

      try (KubernetesClient alice = cluster.as("alice")) {
        assertThatThrownBy(
                () ->
                    alice
                        .resources(Microservice.class)
                        .inNamespace(namespace)
                        .withName("order")
                        .edit(
                            m -> {
                              m.getSpec().env();
                              return m;
                            }))
            .isInstanceOfSatisfying(
                KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

        ReleaseAction forged = new ReleaseAction();
        forged.setMetadata(
            new ObjectMetaBuilder().withName("forged").withNamespace(namespace).build());
        forged.setSpec(
            new ReleaseActionSpec(
                "order", ReleaseActionSpec.Action.Abort, null, "framing bob", "bob"));
        assertThatThrownBy(() -> alice.resource(forged).create())
            .isInstanceOfSatisfying(
                KubernetesClientException.class,
                e -> {
                  assertThat(e.getCode()).isIn(403, 422);
                  assertThat(e.getMessage())
                      .contains("spec.requestedBy must be the requesting user, alice, not bob");
                });
      }
      assertThat(services.get("order").getStatus().phase())
          .as("the forged abort never happened")
          .isEqualTo(Phase.Paused);

      var outsider = services.gantry("--as", "mallory", "promote", "order");
      assertThat(outsider.code()).isEqualTo(2);
      assertThat(outsider.err()).startsWith("error: forbidden: ");
    }
  }
}
