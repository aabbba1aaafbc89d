package dev.gantry.operator.naming;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels on everything Gantry creates: who owns it, which service, which revision. */
public final class Labels {

  public static final String MICROSERVICE = "gantry.dev/microservice";

  /**
   * The namespace of the Microservice an object outside that namespace belongs to (a KafkaUser in
   * Strimzi's namespace), beside {@link #MICROSERVICE}: owner references cannot cross namespaces.
   */
  public static final String NAMESPACE = "gantry.dev/namespace";

  public static final String REVISION = "gantry.dev/revision";
  public static final String NAME = "app.kubernetes.io/name";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "gantry-operator";

  /** Istio reads {@code app} and {@code version} for telemetry (destination_workload, _version). */
  public static final String ISTIO_APP = "app";

  public static final String ISTIO_VERSION = "version";

  /**
   * Marks a team's ConfigMap as an API document the operator may read; it reads no other ConfigMap
   * a spec names.
   */
  public static final String API_DOCUMENT = "gantry.dev/api-document";

  /**
   * Marks the ConfigMap that lists a service's Kafka user and ACLs, for the tools that gather them
   * ({@code kubectl gantry kafka-acls}).
   */
  public static final String KAFKA_ACCESS = "gantry.dev/kafka-access";

  /** Selects every object the operator manages; its informers watch only these. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;

  private Labels() {}

  /** Labels of objects that belong to the service as a whole (Service, routes, monitors). */
  public static Map<String, String> forService(String name) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, name);
    labels.put(MANAGED_BY, MANAGER);
    labels.put(MICROSERVICE, name);
    return labels;
  }

  /** Labels of one revision's objects and pods. */
  public static Map<String, String> forRevision(String name, String revision) {
    Map<String, String> labels = forService(name);
    labels.put(REVISION, revision);
    labels.put(ISTIO_APP, name);
    labels.put(ISTIO_VERSION, revision);
    return labels;
  }

  /**
   * Metadata of an object that belongs to the service as a whole: in its namespace, labelled for
   * it.
   */
  public static ObjectMeta serviceMetadata(Microservice ms, String objectName) {
    return new ObjectMetaBuilder()
        .withName(objectName)
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(forService(ms.getMetadata().getName()))
        .build();
  }

  /** Selects every pod of the service, whatever its revision. */
  public static Map<String, String> serviceSelector(String name) {
    return Map.of(MICROSERVICE, name);
  }

  /** Selects the pods of one revision. */
  public static Map<String, String> revisionSelector(String name, String revision) {
    return Map.of(MICROSERVICE, name, REVISION, revision);
  }

  /** The selector as a string, as the scale subresource reports it. */
  public static String selectorString(Map<String, String> selector) {
    return selector.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .reduce((a, b) -> a + "," + b)
        .orElse("");
  }
}
