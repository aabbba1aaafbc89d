package dev.gantry.operator.render;

import dev.gantry.operator.kafka.KafkaAccess;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ConfigMap {@code <name>-kafka-access}: the service's Kafka user and ACLs, written whether or
 * not a Kafka operator applies them, so a platform engineer can apply them by hand ({@code kubectl
 * gantry kafka-acls}) and anyone can see what the service may do on Kafka.
 */
public final class KafkaAccessConfigMaps {

  /** The user's name. */
  public static final String USER = "user";

  /**
   * One ACL per line: {@code TOPIC LITERAL order-status WRITE} (type, pattern, name, operation).
   */
  public static final String ACLS = "acls";

  /** One line of {@code kafka-acls.sh} arguments per ACL, without the connection to add. */
  public static final String KAFKA_ACLS_SH = "kafka-acls.sh";

  private KafkaAccessConfigMaps() {}

  public static String name(String microservice) {
    return microservice + "-kafka-access";
  }

  public static ConfigMap desired(String namespace, String microservice, KafkaAccess access) {
    Map<String, String> labels = Labels.forService(microservice);
    labels.put(Labels.KAFKA_ACCESS, "true");
    Map<String, String> data = new LinkedHashMap<>();
    data.put(USER, access.user());
    data.put(ACLS, access.aclLines());
    data.put(KAFKA_ACLS_SH, access.kafkaAclsArguments());
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(microservice))
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withData(data)
        .build();
  }
}
