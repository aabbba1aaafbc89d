package dev.gantry.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.testing.LocalCluster;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server refuses malformed ReleaseGroups, and ReleaseActions that name both or neither of a
 * Microservice and a group, naming the field.
 */
class ReleaseGroupValidationIT {

  private static LocalCluster cluster;
  private static String namespace;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.shared();
    namespace = cluster.createNamespace("group-validation");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(
            "no members",
            group("members: []\nsteps: [{setWeight: 10}]"),
            "spec.members",
            "should have at least 1"),
        Arguments.of(
            "a member twice",
            group("members: [order, order]\nsteps: [{setWeight: 10}]"),
            "spec.members",
            "names each Microservice once"),
        Arguments.of(
            "a member that is no Microservice name",
            group("members: [Order_1]\nsteps: [{setWeight: 10}]"),
            "spec.members[0]",
            "should match"),
        Arguments.of(
            "no steps",
            group("members: [order]\nsteps: []"),
            "spec.steps",
            "should have at least 1"),
        Arguments.of(
            "a step that is both",
            group("members: [order]\nsteps: [{setWeight: 10, pause: {}}]"),
            "spec.steps[0]",
            "exactly one of setWeight or pause"),
        Arguments.of(
            "a gather window over an hour",
            group("members: [order]\nsteps: [{setWeight: 10}]\ngatherSeconds: 7200"),
            "spec.gatherSeconds",
            "less than or equal to 3600"),
        Arguments.of(
            "an action on a Microservice and a group",
            action("target: order\ngroup: shop"),
            "spec",
            "exactly one of spec.target (a Microservice) or spec.group (a ReleaseGroup)"),
        Arguments.of(
            "an action on nothing",
            action(""),
            "spec",
            "exactly one of spec.target (a Microservice) or spec.group (a ReleaseGroup)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusedWithTheFieldNamed(String description, String manifest, String field, String message) {
    assertThatThrownBy(() -> cluster.admin().resource(manifest).inNamespace(namespace).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains(field).contains(message);
            });
  }

  @Test
  void aWellFormedGroupIsAcceptedWithItsGatherWindowDefaulted() {
    cluster
        .admin()
        .resource(group("members: [order, member]\nsteps: [{setWeight: 10}, {pause: {}}]"))
        .inNamespace(namespace)
        .create();
    ReleaseGroup created =
        cluster.admin().resources(ReleaseGroup.class).inNamespace(namespace).withName("shop").get();
    assertThat(created.getSpec().gatherSeconds()).isEqualTo(30);
    assertThat(cluster.kubectl("get", "rg", "-n", namespace)).contains("shop");
  }

  private static String group(String spec) {
    return "apiVersion: gantry.dev/v1alpha1\nkind: ReleaseGroup\nmetadata:\n  name: shop\nspec:\n  "
        + spec.replace("\n", "\n  ")
        + "\n";
  }

  private static String action(String subject) {
    return "apiVersion: gantry.dev/v1alpha1\nkind: ReleaseAction\nmetadata:\n  name: act\nspec:\n"
        + "  action: Promote\n  requestedBy: rita\n"
        + (subject.isEmpty() ? "" : "  " + subject.replace("\n", "\n  ") + "\n");
  }
}
