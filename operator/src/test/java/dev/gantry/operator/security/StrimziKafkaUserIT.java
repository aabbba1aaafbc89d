package dev.gantry.operator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With Strimzi configured, and once its KafkaUser kind is served (a stand-in definition from the
 * test's resources, installed under a running operator), each Kafka service gets a KafkaUser with
 * exactly its ACLs in Strimzi's namespace, which follows its spec; the credentials Strimzi writes
 * beside it (written here as Strimzi would) are copied to the service's namespace; and the
 * KafkaUser goes when the kafka block goes, when the Microservice is deleted, and when it was
 * deleted while the operator was away.
 */
class StrimziKafkaUserIT {

  @Test
  void kafkaUsersFollowTheirMicroservicesAcrossNamespaces() {
    LocalCluster cluster = LocalCluster.dedicated("strimzi");
    Microservices services = new Microservices(cluster, cluster.createNamespace("strimzi-app"));
    String ns = services.namespace();
    String strimzi = cluster.createNamespace("strimzi");
    Map<String, String> settings =
        Map.of(
            "GANTRY_KAFKA_STRIMZI_NAMESPACE",
            strimzi,
            "GANTRY_KAFKA_STRIMZI_CLUSTER",
            "events",
            "GANTRY_KAFKA_TOPICS",
            "order-placed=" + ns);

    try (RunningOperator operator = RunningOperator.start(cluster, ns, settings)) {
      services.create(
          "order",
          "image: shop/order:1\nreplicas: 1\nkafka: {produces: [order-placed], consumes: [%s.updates]}"
              .formatted(ns));
      services.create(
          "member",
          "image: shop/member:1\nreplicas: 1\nkafka: {consumes: [%s.updates]}".formatted(ns));
      // Strimzi configured but not installed: everything else is reconciled, nothing fails.
      services.await("order", "healthy without KafkaUsers", s -> s.phase() == Phase.Healthy);
      assertThat(operator.counter("gantry_reconciliation_failures_total")).isZero();

      // Installed later: noticed without a restart.
      cluster.kubectl(
          "apply",
          "--server-side",
          "-f",
          LocalCluster.repoRoot()
              .resolve("operator/src/test/resources/strimzi/kafkausers-crd.yaml")
              .toString());
      cluster.kubectl(
          "wait",
          "--for=condition=Established",
          "--timeout=60s",
          "crd/kafkausers.kafka.strimzi.io");
      var users =
          cluster
              .admin()
              .genericKubernetesResources("kafka.strimzi.io/v1beta2", "KafkaUser")
              .inNamespace(strimzi);
      GenericKubernetesResource order =
          awaitAcls(
              users, ns + ".order", acl("topic", "order-placed", "literal", "Write", "Describe"));
      assertThat(order.getMetadata().getLabels())
          .containsEntry("strimzi.io/cluster", "events")
          .containsEntry("gantry.dev/namespace", ns)
          .containsEntry("gantry.dev/microservice", "order");
      assertThat(spec(order).get("authentication")).isEqualTo(Map.of("type", "scram-sha-512"));
      assertThat(acls(order))
          .containsExactly(
              acl("topic", "order-placed", "literal", "Write", "Describe"),
              acl("topic", ns + ".updates", "literal", "Read", "Describe"),
              acl("group", ns + ".order", "literal", "Read"),
              acl("group", ns + ".order_", "prefix", "Read"));
      assertThat(users.withName(ns + ".member").get()).isNotNull();

      // Strimzi issues the login now: a new revision whose pods wait for it rolls out.
      EnvVar login =
          await("order's stable revision requires its Kafka login")
              .atMost(Duration.ofSeconds(60))
              .ignoreExceptionsInstanceOf(NullPointerException.class)
              .until(
                  () -> login(cluster, ns, services.get("order").getStatus().stableRevision()),
                  env -> Boolean.FALSE.equals(env.getValueFrom().getSecretKeyRef().getOptional()));
      assertThat(login.getValueFrom().getSecretKeyRef().getName()).isEqualTo("order-kafka-user");
      assertThat(login.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");

      services.edit(
          "order",
          "image: shop/order:1\nreplicas: 1\nkafka: {produces: [order-placed, %s.more]}"
              .formatted(ns));
      GenericKubernetesResource changed =
          awaitAcls(
              users, ns + ".order", acl("topic", ns + ".more", "literal", "Write", "Describe"));
      assertThat(acls(changed))
          .as("a producer only now")
          .containsExactly(
              acl("topic", "order-placed", "literal", "Write", "Describe"),
              acl("topic", ns + ".more", "literal", "Write", "Describe"));

      // Strimzi's User Operator writes the credentials beside the user: they reach the service.
      issue(cluster, strimzi, ns + ".order", "first-password");
      Secret copy = awaitCopy(cluster, ns, "first-password");
      assertThat(copy.getData()).containsOnlyKeys("password", "sasl.jaas.config");
      assertThat(copy.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getName()).isEqualTo("order"));
      issue(cluster, strimzi, ns + ".order", "second-password");
      awaitCopy(cluster, ns, "second-password");

      services.edit("member", "image: shop/member:1\nreplicas: 1\n");
      awaitGone(users, ns + ".member", "member dropped its kafka block");
    }

    var users =
        cluster
            .admin()
            .genericKubernetesResources("kafka.strimzi.io/v1beta2", "KafkaUser")
            .inNamespace(strimzi);
    // Deleted while no operator runs: the next operator's first reconciliation sweeps its user.
    services.delete("order");
    await("order deleted")
        .atMost(Duration.ofSeconds(30))
        .until(() -> services.get("order") == null);
    assertThat(users.withName(ns + ".order").get()).as("nobody deleted it yet").isNotNull();
    try (RunningOperator operator = RunningOperator.start(cluster, ns, settings)) {
      awaitGone(users, ns + ".order", "swept after order was deleted while the operator was away");

      services.edit(
          "member", "image: shop/member:1\nreplicas: 1\nkafka: {produces: [order-placed]}");
      awaitAcls(
          users, ns + ".member", acl("topic", "order-placed", "literal", "Write", "Describe"));
      services.delete("member");
      awaitGone(users, ns + ".member", "member was deleted");
    }
  }

  /** {@code KAFKA_SASL_JAAS_CONFIG} in the pods of order's revision. */
  private static EnvVar login(LocalCluster cluster, String namespace, String revision) {
    return cluster
        .admin()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("order-" + revision)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .stream()
        .filter(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG"))
        .findFirst()
        .orElseThrow();
  }

  private static void issue(LocalCluster cluster, String namespace, String user, String password) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(user)
            .withNamespace(namespace)
            .addToLabels("strimzi.io/kind", "KafkaUser")
            .addToLabels("strimzi.io/cluster", "events")
            .endMetadata()
            .addToData("password", base64(password))
            .addToData(
                "sasl.jaas.config",
                base64(
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user
                        + "\" password=\""
                        + password
                        + "\";"))
            .build();
    cluster.admin().secrets().inNamespace(namespace).resource(secret).serverSideApply();
  }

  private static Secret awaitCopy(LocalCluster cluster, String namespace, String password) {
    return await("order-kafka-user holds " + password)
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                cluster.admin().secrets().inNamespace(namespace).withName("order-kafka-user").get(),
            s -> s != null && base64(password).equals(s.getData().get("password")));
  }

  private static GenericKubernetesResource awaitAcls(
      NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>>
          users,
      String name,
      Map<String, Object> acl) {
    return await("KafkaUser " + name + " grants " + acl)
        .atMost(Duration.ofSeconds(30))
        .until(() -> users.withName(name).get(), u -> u != null && acls(u).contains(acl));
  }

  private static void awaitGone(
      NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>>
          users,
      String name,
      String why) {
    await("KafkaUser " + name + " deleted: " + why)
        .atMost(Duration.ofSeconds(30))
        .until(() -> users.withName(name).get() == null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource user) {
    return (Map<String, Object>) user.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> acls(GenericKubernetesResource user) {
    return (List<Map<String, Object>>)
        ((Map<String, Object>) spec(user).get("authorization")).get("acls");
  }

  private static Map<String, Object> acl(
      String type, String name, String patternType, String... operations) {
    return Map.of(
        "resource",
        Map.of("type", type, "name", name, "patternType", patternType),
        "operations",
        List.of(operations));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
