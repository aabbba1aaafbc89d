package dev.gantry.operator.render;

import dev.gantry.operator.kafka.KafkaAccess;
import dev.gantry.operator.kafka.KafkaAccess.PatternType;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service's Kafka user as Strimzi's User Operator takes it: a KafkaUser {@code
 * <namespace>.<name>} in the namespace it watches, authenticated with SCRAM-SHA-512 and authorized
 * by exactly the service's ACLs.
 *
 * <p>Built as a generic object: Strimzi's model classes are not needed to write one kind.
 */
public final class KafkaUsers {

  public static final String GROUP = "kafka.strimzi.io";
  public static final String VERSION = "v1beta2";
  public static final String KIND = "KafkaUser";

  /** Strimzi's label for the Kafka cluster a KafkaUser belongs to. */
  public static final String CLUSTER_LABEL = "strimzi.io/cluster";

  private KafkaUsers() {}

  public static GenericKubernetesResource desired(
      String namespace, String microservice, KafkaAccess access, Platform.Strimzi strimzi) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(CLUSTER_LABEL, strimzi.cluster());
    labels.put(Labels.MANAGED_BY, Labels.MANAGER);
    labels.put(Labels.NAMESPACE, namespace);
    labels.put(Labels.MICROSERVICE, microservice);
    List<Map<String, Object>> acls = new ArrayList<>();
    access
        .byResource()
        .forEach(
            (resource, operations) -> {
              Map<String, Object> named = new LinkedHashMap<>();
              named.put("type", resource.type().name().toLowerCase(Locale.ROOT));
              named.put("name", resource.name());
              // Strimzi's spelling of Kafka's PREFIXED.
              named.put(
                  "patternType", resource.pattern() == PatternType.PREFIXED ? "prefix" : "literal");
              Map<String, Object> rule = new LinkedHashMap<>();
              rule.put("resource", named);
              rule.put("operations", operations.stream().map(KafkaAccess::capitalized).toList());
              acls.add(rule);
            });
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("authentication", Map.of("type", "scram-sha-512"));
    Map<String, Object> authorization = new LinkedHashMap<>();
    authorization.put("type", "simple");
    authorization.put("acls", acls);
    spec.put("authorization", authorization);
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(GROUP + "/" + VERSION)
        .withKind(KIND)
        .withNewMetadata()
        .withName(access.user())
        .withNamespace(strimzi.namespace())
        .withLabels(labels)
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }
}
