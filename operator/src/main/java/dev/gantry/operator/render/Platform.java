package dev.gantry.operator.render;

import dev.gantry.operator.api.Analysis.MetricsSource;
import java.util.List;

/**
 * What the cluster and the operator's configuration contribute to generated objects.
 *
 * @param istio the Istio networking CRDs are installed: routes go through the mesh
 * @param prometheusOperator the Prometheus-Operator CRDs are installed
 * @param etcdEndpoints registry endpoints injected into services that ask for discovery
 * @param etcdSecret the Secret, in each service's namespace, holding the registry's CA ({@code
 *     ca.crt}) and each service's etcd password ({@code <service>.password}); null when etcd needs
 *     neither
 * @param kafkaBootstrapServers injected into services that use Kafka, unless they set their own
 * @param clusterDomain DNS suffix of Services, {@code cluster.local} by default
 * @param mesh the mesh's security settings, when Istio's AuthorizationPolicy kind is served
 * @param prometheusRules Prometheus-Operator's PrometheusRule kind is served
 * @param metricsSource where request metrics come from, for rules and dashboards
 * @param podDefaults resources and limits a pod gets where its Microservice sets none
 * @param strimzi where Strimzi's User Operator makes the services' Kafka users, when the platform
 *     configured it and the cluster serves the KafkaUser kind; null otherwise
 */
public record Platform(
    boolean istio,
    boolean prometheusOperator,
    List<String> etcdEndpoints,
    String etcdSecret,
    String kafkaBootstrapServers,
    String clusterDomain,
    MeshSecurity mesh,
    boolean prometheusRules,
    MetricsSource metricsSource,
    PodDefaults podDefaults,
    Strimzi strimzi) {

  public Platform {
    etcdEndpoints = etcdEndpoints == null ? List.of() : List.copyOf(etcdEndpoints);
    clusterDomain =
        clusterDomain == null || clusterDomain.isBlank() ? "cluster.local" : clusterDomain;
    metricsSource = metricsSource == null ? MetricsSource.Istio : metricsSource;
    podDefaults = podDefaults == null ? PodDefaults.DEFAULTS : podDefaults;
  }

  public Platform(
      boolean istio,
      boolean prometheusOperator,
      List<String> etcdEndpoints,
      String kafkaBootstrapServers,
      String clusterDomain) {
    this(
        istio,
        prometheusOperator,
        etcdEndpoints,
        null,
        kafkaBootstrapServers,
        clusterDomain,
        null,
        false,
        null,
        null,
        null);
  }

  /** A cluster with neither Istio nor Prometheus-Operator, and nothing configured. */
  public static final Platform BARE = new Platform(false, false, List.of(), null, null);

  /**
   * Strimzi's User Operator, which turns KafkaUsers into SCRAM users and ACLs on the Kafka cluster.
   *
   * @param namespace where it watches KafkaUsers and writes their Secrets
   * @param cluster the Kafka cluster's name, the label {@code strimzi.io/cluster} it selects by
   */
  public record Strimzi(String namespace, String cluster) {}

  /**
   * Who is who in the mesh.
   *
   * @param trustDomain prefixes workload identities: {@code <trustDomain>/ns/<ns>/sa/<account>}
   * @param ingressGatewayPrincipal the ingress gateway's identity
   * @param prometheusNamespace workloads in this namespace may scrape metrics paths
   * @param managementPaths paths the ingress gateway never reaches, whatever a service declares
   *     public (health, metrics, registry, API documents); each also covers what lies below it
   */
  public record MeshSecurity(
      String trustDomain,
      String ingressGatewayPrincipal,
      String prometheusNamespace,
      List<String> managementPaths) {

    public MeshSecurity {
      managementPaths = List.copyOf(managementPaths);
    }

    public String principal(String namespace, String serviceAccount) {
      return trustDomain + "/ns/" + namespace + "/sa/" + serviceAccount;
    }
  }
}
