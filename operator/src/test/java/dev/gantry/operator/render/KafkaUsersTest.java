package dev.gantry.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Kafka;
import dev.gantry.operator.kafka.KafkaAccess;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service's access as Strimzi's User Operator reads it, and its credentials as pods read them.
 */
class KafkaUsersTest {

  private static final Platform.Strimzi STRIMZI = new Platform.Strimzi("kafka", "events");

  @Test
  void aKafkaUserCarriesExactlyTheServicesAclsInStrimzisShape() {
    KafkaAccess access =
        KafkaAccess.of(
            "shop", "order", new Kafka(List.of("order-placed"), List.of("order-status"), null));
    KafkaUser user = KafkaUsers.desired("shop", "order", access, STRIMZI);
    assertThat(user.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
    assertThat(user.getKind()).isEqualTo("KafkaUser");
    assertThat(user.getMetadata().getName()).isEqualTo("shop.order");
    assertThat(user.getMetadata().getNamespace()).isEqualTo("kafka");
    assertThat(user.getMetadata().getLabels())
        .containsEntry("strimzi.io/cluster", "events")
        .containsEntry("gantry.dev/namespace", "shop")
        .containsEntry("gantry.dev/microservice", "order")
        .containsEntry("app.kubernetes.io/managed-by", "gantry-operator");
    assertThat(user.getMetadata().getOwnerReferences()).as("none can cross namespaces").isEmpty();
    assertThat(Serialization.asYaml(user.getAdditionalProperties().get("spec")))
        .isEqualTo(
            """
            ---
            authentication:
              type: "scram-sha-512"
            authorization:
              type: "simple"
              acls:
              - resource:
                  type: "topic"
                  name: "order-placed"
                  patternType: "literal"
                operations:
                - "Write"
                - "Describe"
              - resource:
                  type: "topic"
                  name: "order-status"
                  patternType: "literal"
                operations:
                - "Read"
                - "Describe"
              - resource:
                  type: "group"
                  name: "shop.order"
                  patternType: "literal"
                operations:
                - "Read"
              - resource:
                  type: "group"
                  name: "shop.order_"
                  patternType: "prefix"
                operations:
                - "Read"
            """);
  }

  @Test
  void theCredentialsAreCopiedWithoutWhatElseStrimziWrites() {
    Secret issued =
        new SecretBuilder()
            .withNewMetadata()
            .withName("shop.order")
            .withNamespace("kafka")
            .addToLabels("strimzi.io/kind", "KafkaUser")
            .endMetadata()
            .withData(
                Map.of(
                    "password", "c2VjcmV0",
                    "sasl.jaas.config", "amFhcw==",
                    "user.p12", "cDEy"))
            .build();
    Secret copy = KafkaUsers.mirrored("shop", "order", issued);
    assertThat(copy.getMetadata().getName()).isEqualTo("order-kafka-user");
    assertThat(copy.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(copy.getMetadata().getLabels()).containsEntry("gantry.dev/microservice", "order");
    assertThat(copy.getData())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("password", "c2VjcmV0", "sasl.jaas.config", "amFhcw=="));
  }
}
