package dev.gantry.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Kafka;
import dev.gantry.operator.kafka.KafkaAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaAccessConfigMapsTest {

  @Test
  void listsTheUserAndItsAclsInTheServicesNamespace() {
    KafkaAccess access =
        KafkaAccess.of("shop", "order", new Kafka(List.of("order-placed"), List.of(), null));
    ConfigMap list = KafkaAccessConfigMaps.desired("shop", "order", access);
    assertThat(list.getMetadata().getName()).isEqualTo("order-kafka-access");
    assertThat(list.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(list.getMetadata().getLabels())
        .containsEntry("gantry.dev/kafka-access", "true")
        .containsEntry("gantry.dev/microservice", "order")
        .containsEntry("app.kubernetes.io/managed-by", "gantry-operator");
    assertThat(list.getData())
        .containsOnlyKeys("user", "acls", "kafka-acls.sh")
        .containsEntry("user", "shop.order")
        .containsEntry(
            "acls", "TOPIC LITERAL order-placed WRITE\nTOPIC LITERAL order-placed DESCRIBE\n")
        .containsEntry(
            "kafka-acls.sh",
            "--add --allow-principal User:shop.order --operation Write --topic order-placed\n"
                + "--add --allow-principal User:shop.order --operation Describe --topic"
                + " order-placed\n");
  }
}
