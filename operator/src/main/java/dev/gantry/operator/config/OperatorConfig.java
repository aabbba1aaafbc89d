package dev.gantry.operator.config;

import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.Durations;
import dev.gantry.operator.render.Platform;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's configuration. Every setting comes from an environment variable, so the
 * Helm chart, a local run and a test configure it the same way.
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param prometheusUrl where canary analysis queries metrics
 * @param etcdEndpoints injected into services that enable discovery
 * @param kafkaBootstrapServers injected into services that use Kafka
 * @param clusterDomain DNS suffix of Services
 * @param metricsPort port of {@code /metrics}, {@code /healthz} and {@code /readyz}
 * @param leaderElection only one replica reconciles at a time
 * @param leaseNamespace namespace of the leader-election Lease
 * @param leaseName name of the leader-election Lease
 * @param reconcileThreads how many Microservices are reconciled concurrently
 * @param resyncInterval every Microservice is reconciled at least this often, changed or not
 * @param releaseActionTimeToLive how long a ReleaseAction is kept once it has its outcome
 * @param trustDomain the mesh's trust domain, which prefixes workload identities
 * @param ingressGatewayPrincipal identity of the ingress gateway, admitted to services with hosts
 * @param prometheusNamespace namespace whose workloads may scrape metrics paths
 * @param metricsSource where canary analysis reads request metrics unless a Microservice says
 * @param identity this replica's name in leader election and Events: the pod's name, or host and pid
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    String prometheusUrl,
    List<String> etcdEndpoints,
    String kafkaBootstrapServers,
    String clusterDomain,
    int metricsPort,
    boolean leaderElection,
    String leaseNamespace,
    String leaseName,
    int reconcileThreads,
    Duration resyncInterval,
    Duration releaseActionTimeToLive,
    String trustDomain,
    String ingressGatewayPrincipal,
    String prometheusNamespace,
    Analysis.MetricsSource metricsSource,
    String identity) {

  public static OperatorConfig fromEnvironment() {
    return from(System.getenv()::get);
  }

  /**
   * The platform generated objects are built for: the kinds the cluster serves, with this
   * configuration's endpoints, cluster domain, mesh identities and metrics source.
   */
  public Platform platform(boolean istio, boolean prometheusOperator, boolean istioSecurity, boolean prometheusRules) {
    return new Platform(istio, prometheusOperator, etcdEndpoints, kafkaBootstrapServers, clusterDomain,
        istioSecurity ? new Platform.MeshSecurity(trustDomain, ingressGatewayPrincipal, prometheusNamespace) : null,
        prometheusRules, metricsSource);
  }

  /** Reads the settings through {@code env}; a malformed value fails with its variable's name. */
  public static OperatorConfig from(Function<String, String> env) {
    Function<String, String> get = name -> {
      String value = env.apply(name);
      return value == null ? "" : value.trim();
    };
    return new OperatorConfig(
        Set.copyOf(list(get.apply("GANTRY_WATCH_NAMESPACES"))),
        orDefault(get.apply("GANTRY_PROMETHEUS_URL"), "http://prometheus-operated.monitoring.svc:9090"),
        list(get.apply("GANTRY_ETCD_ENDPOINTS")),
        emptyToNull(get.apply("GANTRY_KAFKA_BOOTSTRAP_SERVERS")),
        orDefault(get.apply("GANTRY_CLUSTER_DOMAIN"), "cluster.local"),
        integer("GANTRY_METRICS_PORT", get.apply("GANTRY_METRICS_PORT"), 8080, 0, 65535),
        bool("GANTRY_LEADER_ELECTION", get.apply("GANTRY_LEADER_ELECTION"), true),
        orDefault(get.apply("GANTRY_LEASE_NAMESPACE"), orDefault(get.apply("POD_NAMESPACE"), "default")),
        orDefault(get.apply("GANTRY_LEASE_NAME"), "gantry-operator-leader"),
        integer("GANTRY_RECONCILE_THREADS", get.apply("GANTRY_RECONCILE_THREADS"), 20, 1, 500),
        duration("GANTRY_RESYNC_INTERVAL", get.apply("GANTRY_RESYNC_INTERVAL"), Duration.ofMinutes(10)),
        duration("GANTRY_RELEASE_ACTION_TTL", get.apply("GANTRY_RELEASE_ACTION_TTL"), Duration.ofHours(24)),
        orDefault(get.apply("GANTRY_TRUST_DOMAIN"), "cluster.local"),
        orDefault(get.apply("GANTRY_INGRESS_GATEWAY_PRINCIPAL"),
            "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account"),
        orDefault(get.apply("GANTRY_PROMETHEUS_NAMESPACE"), "monitoring"),
        metricsSource(get.apply("GANTRY_METRICS_SOURCE")),
        orDefault(get.apply("POD_NAME"), hostAndPid()));
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toList());
  }

  private static String orDefault(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private static int integer(String name, String value, int fallback, int min, int max) {
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException(name + "=" + value + ": must be between " + min + " and " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + value + ": not a whole number", e);
    }
  }

  private static Duration duration(String name, String value, Duration fallback) {
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + "=" + value + ": " + e.getMessage(), e);
    }
  }

  private static String hostAndPid() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
    } catch (java.io.IOException e) {
      return "gantry-operator-" + ProcessHandle.current().pid();
    }
  }

  private static Analysis.MetricsSource metricsSource(String value) {
    if (value.isEmpty()) {
      return Analysis.MetricsSource.Istio;
    }
    for (Analysis.MetricsSource source : Analysis.MetricsSource.values()) {
      if (source.name().equalsIgnoreCase(value)) {
        return source;
      }
    }
    throw new IllegalArgumentException("GANTRY_METRICS_SOURCE=" + value + ": must be Istio or Micrometer");
  }

  private static boolean bool(String name, String value, boolean fallback) {
    return switch (value.toLowerCase()) {
      case "" -> fallback;
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + "=" + value + ": must be true or false");
    };
  }
}
