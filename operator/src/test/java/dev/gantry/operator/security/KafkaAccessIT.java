package dev.gantry.operator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Phase;
import dev.gantry.operator.cli.GantryCli;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service's Kafka access on a real control plane: what its kafka block asks for, less the topics
 * the platform did not grant its namespace, is listed in the ConfigMap {@code <name>-kafka-access},
 * which follows the spec and goes with the kafka block; {@code kubectl gantry kafka-acls} prints it
 * for a platform engineer to apply, and skips a list the operator did not write.
 */
class KafkaAccessIT {

  @Test
  void theAccessListFollowsTheGrantedTopicsAndTheCliPrintsIt() {
    LocalCluster cluster = LocalCluster.shared();
    Microservices services = new Microservices(cluster, cluster.createNamespace("kafka"));
    String ns = services.namespace();
    try (RunningOperator operator =
        RunningOperator.start(cluster, ns, Map.of("GANTRY_KAFKA_TOPICS", "order-placed=" + ns))) {
      services.create(
          "order",
          """
          image: shop/order:1
          replicas: 1
          kafka: {produces: [order-placed, order-status], consumes: [%s.updates]}
          """
              .formatted(ns));
      var status =
          services.await(
              "order",
              "refused the ungranted topic",
              s -> s.condition("Accepted").map(c -> "False".equals(c.getStatus())).orElse(false));
      assertThat(status.condition("Accepted").orElseThrow().getReason())
          .isEqualTo("TopicNotAllowed");
      assertThat(status.message())
          .contains(
              "spec.kafka.produces[1]: Kafka topic order-status is not one the platform allows"
                  + " namespace "
                  + ns
                  + " to use ("
                  + ns
                  + ".*, order-placed)");
      assertThat(status.phase()).isEqualTo(Phase.Degraded);

      ConfigMap list = awaitList(cluster, ns, "TOPIC LITERAL order-placed WRITE");
      assertThat(list.getMetadata().getLabels()).containsEntry("gantry.dev/kafka-access", "true");
      assertThat(list.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.getKind()).isEqualTo("Microservice");
                assertThat(o.getUid()).isEqualTo(services.get("order").getMetadata().getUid());
              });
      String user = ns + ".order";
      assertThat(list.getData())
          .containsEntry("user", user)
          .containsEntry(
              "acls",
              """
              TOPIC LITERAL order-placed WRITE
              TOPIC LITERAL order-placed DESCRIBE
              TOPIC LITERAL %1$s.updates READ
              TOPIC LITERAL %1$s.updates DESCRIBE
              GROUP LITERAL %2$s READ
              GROUP PREFIXED %2$s_ READ
              """
                  .formatted(ns, user));

      var printed = services.gantry("kafka-acls");
      assertThat(printed.code()).as(printed.err()).isZero();
      assertThat(printed.out())
          .isEqualTo(list.getData().get("kafka-acls.sh"))
          .contains(
              "--add --allow-principal User:" + user + " --operation Write --topic order-placed")
          .doesNotContain("order-status");

      // Someone with rights on ConfigMaps writes a list of their own: it is named, not printed.
      cluster
          .admin()
          .configMaps()
          .inNamespace(ns)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("pay-kafka-access")
                  .withNamespace(ns)
                  .addToLabels("gantry.dev/kafka-access", "true")
                  .addToLabels("gantry.dev/microservice", "pay")
                  .endMetadata()
                  .addToData("user", ns + ".pay")
                  .addToData("acls", "TOPIC LITERAL payments READ\n")
                  .build())
          .create();
      var withForged = services.gantry("kafka-acls");
      assertThat(withForged.code()).isEqualTo(1);
      assertThat(withForged.out()).isEqualTo(printed.out());
      assertThat(withForged.err())
          .contains("skipped " + ns + "/pay-kafka-access: not controlled by Microservice pay");

      // Every namespace's lists: this one's among them, the forged one still named.
      var everywhere = cli("kafka-acls", "-A");
      assertThat(everywhere.code()).isEqualTo(1);
      assertThat(everywhere.out()).contains(printed.out());
      assertThat(everywhere.err()).contains("skipped " + ns + "/pay-kafka-access");
      assertThat(cli("kafka-acls", "-A", "-n", ns).err()).contains("-A and -n exclude each other");

      services.edit(
          "order",
          """
          image: shop/order:1
          replicas: 1
          kafka: {produces: [order-placed, %s.more]}
          """
              .formatted(ns));
      services.await(
          "order",
          "accepted",
          s -> s.condition("Accepted").map(c -> "True".equals(c.getStatus())).orElse(false));
      ConfigMap changed = awaitList(cluster, ns, "TOPIC LITERAL " + ns + ".more WRITE");
      assertThat(changed.getData().get("acls"))
          .as("a producer only: no group")
          .doesNotContain("GROUP")
          .doesNotContain("updates");

      services.edit("order", "image: shop/order:1\nreplicas: 1\n");
      await("the list goes with the kafka block")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  cluster.admin().configMaps().inNamespace(ns).withName("order-kafka-access").get()
                      == null);
    }
  }

  /** {@code kubectl gantry ARGS} as the cluster administrator, without a namespace of its own. */
  private static Microservices.CliResult cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> full = new ArrayList<>(List.of("--kubeconfig", cluster().kubeconfig().toString()));
    full.addAll(List.of(args));
    int code =
        GantryCli.run(new PrintWriter(out), new PrintWriter(err), full.toArray(String[]::new));
    return new Microservices.CliResult(code, out.toString(), err.toString());
  }

  private static LocalCluster cluster() {
    return LocalCluster.shared();
  }

  private static ConfigMap awaitList(LocalCluster cluster, String namespace, String line) {
    return await("order-kafka-access lists " + line)
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                cluster
                    .admin()
                    .configMaps()
                    .inNamespace(namespace)
                    .withName("order-kafka-access")
                    .get(),
            c -> c != null && c.getData().get("acls").contains(line));
  }
}
