package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;

/**
 * Which optional kinds the cluster serves. A watch on each of their CustomResourceDefinitions, by
 * name, keeps the answer current: when Istio, Prometheus-Operator or Strimzi is installed later,
 * every Microservice is reconciled again and picks the new kinds up, without restarting the
 * operator. Watching by name keeps every other CRD of the cluster (schemas of megabytes) out of
 * memory, and lets the operator's role name the six definitions it reads.
 */
public final class Capabilities {

  static final String VIRTUAL_SERVICES = "virtualservices.networking.istio.io";
  static final String DESTINATION_RULES = "destinationrules.networking.istio.io";
  static final String SERVICE_MONITORS = "servicemonitors.monitoring.coreos.com";
  static final String AUTHORIZATION_POLICIES = "authorizationpolicies.security.istio.io";
  static final String PROMETHEUS_RULES = "prometheusrules.monitoring.coreos.com";
  static final String KAFKA_USERS = "kafkausers.kafka.strimzi.io";

  /** The Istio resources are generated at this version. */
  static final String ISTIO_VERSION = "v1";

  static final String PROMETHEUS_OPERATOR_VERSION = "v1";

  /** KafkaUsers are written at this version. */
  static final String STRIMZI_VERSION = "v1beta2";

  /** The definitions watched; the operator's ClusterRole names the same ones. */
  public static final List<String> WATCHED =
      List.of(
          VIRTUAL_SERVICES,
          DESTINATION_RULES,
          SERVICE_MONITORS,
          AUTHORIZATION_POLICIES,
          PROMETHEUS_RULES,
          KAFKA_USERS);

  private Capabilities() {}

  static List<InformerEventSource<CustomResourceDefinition, Microservice>> eventSources(
      EventSourceContext<Microservice> context) {
    return WATCHED.stream().map(crd -> eventSource(context, crd)).toList();
  }

  private static InformerEventSource<CustomResourceDefinition, Microservice> eventSource(
      EventSourceContext<Microservice> context, String crdName) {
    return ClusterObjectWatch.eventSource(
        context, CustomResourceDefinition.class, crdName, eventSourceName(crdName));
  }

  private static String eventSourceName(String crdName) {
    return "crd-" + crdName;
  }

  static boolean istio(Context<Microservice> context) {
    return served(context, VIRTUAL_SERVICES, ISTIO_VERSION)
        && served(context, DESTINATION_RULES, ISTIO_VERSION);
  }

  static boolean istioSecurity(Context<Microservice> context) {
    return served(context, AUTHORIZATION_POLICIES, ISTIO_VERSION);
  }

  static boolean prometheusRules(Context<Microservice> context) {
    return served(context, PROMETHEUS_RULES, PROMETHEUS_OPERATOR_VERSION);
  }

  static boolean prometheusOperator(Context<Microservice> context) {
    return served(context, SERVICE_MONITORS, PROMETHEUS_OPERATOR_VERSION);
  }

  static boolean kafkaUsers(Context<Microservice> context) {
    return served(context, KAFKA_USERS, STRIMZI_VERSION);
  }

  private static boolean served(Context<Microservice> context, String crdName, String version) {
    // Established: the API server serves the kind; before that, its watches answer 404.
    return ClusterObjectWatch.current(
            context, CustomResourceDefinition.class, crdName, eventSourceName(crdName))
        .filter(
            crd ->
                crd.getStatus() != null
                    && crd.getStatus().getConditions() != null
                    && crd.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())))
        .map(
            crd ->
                crd.getSpec().getVersions().stream()
                    .anyMatch(
                        v -> version.equals(v.getName()) && Boolean.TRUE.equals(v.getServed())))
        .orElse(false);
  }
}
