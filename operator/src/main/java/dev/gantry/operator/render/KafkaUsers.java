package dev.gantry.operator.render;

import dev.gantry.operator.kafka.KafkaAccess;
import dev.gantry.operator.kafka.KafkaAccess.PatternType;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service's Kafka user as Strimzi's User Operator takes it: a KafkaUser {@code
 * <namespace>.<name>} in the namespace it watches, authenticated with SCRAM-SHA-512 and authorized
 * by exactly the service's ACLs; and the copy of the credentials Strimzi writes beside it that the
 * service's pods read, {@code <name>-kafka-user} in the service's own namespace.
 *
 * <p>Built as a generic object ({@link KafkaUser}): Strimzi's model classes are not needed to write
 * one kind.
 */
public final class KafkaUsers {

  public static final String GROUP = "kafka.strimzi.io";
  public static final String VERSION = "v1beta2";
  public static final String KIND = "KafkaUser";

  /** Strimzi's label for the Kafka cluster a KafkaUser belongs to. */
  public static final String CLUSTER_LABEL = "strimzi.io/cluster";

  /** The Secret key of the user's password, as Strimzi writes it. */
  public static final String PASSWORD = "password";

  /** The Secret key of the JAAS line a Kafka client logs in with, as Strimzi writes it. */
  public static final String JAAS_CONFIG = "sasl.jaas.config";

  private KafkaUsers() {}

  /** The Secret in the service's namespace its pods read the credentials from. */
  public static String secretName(String microservice) {
    return microservice + "-kafka-user";
  }

  public static KafkaUser desired(
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
    KafkaUser user = new KafkaUser();
    user.setApiVersion(GROUP + "/" + VERSION);
    user.setKind(KIND);
    user.setMetadata(
        new ObjectMetaBuilder()
            .withName(access.user())
            .withNamespace(strimzi.namespace())
            .withLabels(labels)
            .build());
    user.setAdditionalProperty("spec", spec);
    return user;
  }

  /**
   * The credentials Strimzi issued ({@code issued}, its Secret {@code <namespace>.<name>}), copied
   * into the service's namespace: the password and the JAAS line, nothing else Strimzi may add.
   */
  public static Secret mirrored(String namespace, String microservice, Secret issued) {
    Map<String, String> data = new LinkedHashMap<>();
    Map<String, String> source = issued.getData() == null ? Map.of() : issued.getData();
    for (String key : List.of(PASSWORD, JAAS_CONFIG)) {
      if (source.containsKey(key)) {
        data.put(key, source.get(key));
      }
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName(secretName(microservice))
        .withNamespace(namespace)
        .withLabels(Labels.forService(microservice))
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }
}
