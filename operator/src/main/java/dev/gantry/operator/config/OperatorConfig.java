package dev.gantry.operator.config;

import dev.gantry.operator.analysis.AnalysisLimits;
import dev.gantry.operator.analysis.PrometheusEndpoints;
import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.Durations;
import dev.gantry.operator.render.Platform;
import dev.gantry.operator.render.PodDefaults;
import dev.gantry.operator.tenancy.TenantPolicy;
import io.fabric8.kubernetes.api.model.Quantity;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's configuration. Every setting comes from an environment variable, so the Helm
 * chart, a local run and a test configure it the same way.
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param prometheus the Prometheus servers canary analysis may ask, by name
 * @param etcdEndpoints injected into services that enable discovery
 * @param etcdSecret the Secret each namespace holds for the registry: its CA and every service's
 *     etcd password (see {@code Platform}); empty when etcd needs neither
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
 * @param managementPaths paths the ingress gateway never reaches (each with what lies below it),
 *     whatever a Microservice declares public
 * @param metricsSource where canary analysis reads request metrics unless a Microservice says
 * @param tenancy what teams may route and read, decided by the platform
 * @param analysisLimits how much of Prometheus and of the operator one namespace's analysis may use
 * @param podDefaults resources a pod gets where its Microservice sets none
 * @param strimzi where Strimzi's User Operator watches KafkaUsers and which Kafka cluster they are
 *     for; empty when services' Kafka access is only listed, for a platform engineer to apply
 * @param maxConcurrentRollouts at most this many rollouts progress at once in all watched
 *     namespaces (0 holds every new one: a change freeze); empty for no limit
 * @param identity this replica's name in leader election and Events: the pod's name, or host and
 *     pid
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    PrometheusEndpoints prometheus,
    List<String> etcdEndpoints,
    Optional<String> etcdSecret,
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
    List<String> managementPaths,
    Analysis.MetricsSource metricsSource,
    TenantPolicy tenancy,
    AnalysisLimits analysisLimits,
    PodDefaults podDefaults,
    Optional<Platform.Strimzi> strimzi,
    Optional<Integer> maxConcurrentRollouts,
    String identity) {

  public static OperatorConfig fromEnvironment() {
    return from(System.getenv()::get);
  }

  /**
   * The platform generated objects are built for: the kinds the cluster serves, with this
   * configuration's endpoints, cluster domain, mesh identities and metrics source, and Strimzi when
   * it is configured and its KafkaUser kind served.
   */
  public Platform platform(
      boolean istio,
      boolean prometheusOperator,
      boolean istioSecurity,
      boolean prometheusRules,
      boolean kafkaUsers) {
    return new Platform(
        istio,
        prometheusOperator,
        etcdEndpoints,
        etcdSecret.orElse(null),
        kafkaBootstrapServers,
        clusterDomain,
        istioSecurity
            ? new Platform.MeshSecurity(
                trustDomain, ingressGatewayPrincipal, prometheusNamespace, managementPaths)
            : null,
        prometheusRules,
        metricsSource,
        podDefaults,
        kafkaUsers ? strimzi.orElse(null) : null);
  }

  /** Reads the settings through {@code env}; a malformed value fails with its variable's name. */
  public static OperatorConfig from(Function<String, String> env) {
    Function<String, String> get =
        name -> {
          String value = env.apply(name);
          return value == null ? "" : value.trim();
        };
    return new OperatorConfig(
        Set.copyOf(list(get.apply("GANTRY_WATCH_NAMESPACES"))),
        prometheus(get.apply("GANTRY_PROMETHEUS_URL"), get.apply("GANTRY_PROMETHEUS_ENDPOINTS")),
        list(get.apply("GANTRY_ETCD_ENDPOINTS")),
        etcdSecret(get.apply("GANTRY_ETCD_SECRET"), list(get.apply("GANTRY_ETCD_ENDPOINTS"))),
        emptyToNull(get.apply("GANTRY_KAFKA_BOOTSTRAP_SERVERS")),
        orDefault(get.apply("GANTRY_CLUSTER_DOMAIN"), "cluster.local"),
        integer("GANTRY_METRICS_PORT", get.apply("GANTRY_METRICS_PORT"), 8080, 0, 65535),
        bool("GANTRY_LEADER_ELECTION", get.apply("GANTRY_LEADER_ELECTION"), true),
        orDefault(
            get.apply("GANTRY_LEASE_NAMESPACE"), orDefault(get.apply("POD_NAMESPACE"), "default")),
        orDefault(get.apply("GANTRY_LEASE_NAME"), "gantry-operator-leader"),
        integer("GANTRY_RECONCILE_THREADS", get.apply("GANTRY_RECONCILE_THREADS"), 20, 1, 500),
        duration(
            "GANTRY_RESYNC_INTERVAL", get.apply("GANTRY_RESYNC_INTERVAL"), Duration.ofMinutes(10)),
        duration(
            "GANTRY_RELEASE_ACTION_TTL",
            get.apply("GANTRY_RELEASE_ACTION_TTL"),
            Duration.ofHours(24)),
        orDefault(get.apply("GANTRY_TRUST_DOMAIN"), "cluster.local"),
        orDefault(
            get.apply("GANTRY_INGRESS_GATEWAY_PRINCIPAL"),
            "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account"),
        orDefault(get.apply("GANTRY_PROMETHEUS_NAMESPACE"), "monitoring"),
        managementPaths(get.apply("GANTRY_MANAGEMENT_PATHS")),
        metricsSource(get.apply("GANTRY_METRICS_SOURCE")),
        new TenantPolicy(
            setting(
                "GANTRY_ALLOWED_DOMAINS",
                get.apply("GANTRY_ALLOWED_DOMAINS"),
                TenantPolicy::parseDomains),
            Set.copyOf(
                list(
                    orDefault(get.apply("GANTRY_ALLOWED_GATEWAYS"), TenantPolicy.DEFAULT_GATEWAY))),
            choice(
                "GANTRY_SECRET_REFERENCES",
                get.apply("GANTRY_SECRET_REFERENCES"),
                TenantPolicy.SecretReferences.values(),
                TenantPolicy.DEFAULT.secretReferences()),
            duration(
                "GANTRY_ANALYSIS_MIN_INTERVAL",
                get.apply("GANTRY_ANALYSIS_MIN_INTERVAL"),
                TenantPolicy.DEFAULT.minAnalysisInterval()),
            setting(
                "GANTRY_TENANT_LABEL",
                get.apply("GANTRY_TENANT_LABEL"),
                OperatorConfig::labelName,
                TenantPolicy.DEFAULT.tenantLabel()),
            setting(
                "GANTRY_KAFKA_TOPICS",
                get.apply("GANTRY_KAFKA_TOPICS"),
                TenantPolicy::parseTopics,
                TenantPolicy.DEFAULT.kafkaTopics())),
        new AnalysisLimits(
            integer(
                "GANTRY_ANALYSIS_QUERIES_PER_MINUTE",
                get.apply("GANTRY_ANALYSIS_QUERIES_PER_MINUTE"),
                AnalysisLimits.DEFAULTS.queriesPerMinute(),
                1,
                1_000_000),
            integer(
                "GANTRY_ANALYSIS_THREADS",
                get.apply("GANTRY_ANALYSIS_THREADS"),
                AnalysisLimits.DEFAULTS.threads(),
                1,
                64),
            duration(
                "GANTRY_ANALYSIS_QUERY_TIMEOUT",
                get.apply("GANTRY_ANALYSIS_QUERY_TIMEOUT"),
                AnalysisLimits.DEFAULTS.queryDeadline()),
            bytes(
                "GANTRY_ANALYSIS_MAX_RESPONSE",
                get.apply("GANTRY_ANALYSIS_MAX_RESPONSE"),
                AnalysisLimits.DEFAULTS.maxResponseBytes())),
        new PodDefaults(
            setting(
                "GANTRY_DEFAULT_REQUESTS",
                get.apply("GANTRY_DEFAULT_REQUESTS"),
                OperatorConfig::quantities,
                PodDefaults.DEFAULTS.requests()),
            setting(
                "GANTRY_DEFAULT_LIMITS",
                get.apply("GANTRY_DEFAULT_LIMITS"),
                OperatorConfig::quantities,
                PodDefaults.DEFAULTS.limits()),
            setting(
                "GANTRY_TMP_SIZE_LIMIT",
                get.apply("GANTRY_TMP_SIZE_LIMIT"),
                OperatorConfig::quantity,
                PodDefaults.DEFAULTS.tmpSizeLimit())),
        strimzi(
            get.apply("GANTRY_KAFKA_STRIMZI_NAMESPACE"), get.apply("GANTRY_KAFKA_STRIMZI_CLUSTER")),
        get.apply("GANTRY_MAX_CONCURRENT_ROLLOUTS").isEmpty()
            ? Optional.empty()
            : Optional.of(
                integer(
                    "GANTRY_MAX_CONCURRENT_ROLLOUTS",
                    get.apply("GANTRY_MAX_CONCURRENT_ROLLOUTS"),
                    0,
                    0,
                    100_000)),
        orDefault(get.apply("POD_NAME"), hostAndPid()));
  }

  private static PrometheusEndpoints prometheus(String defaultUrl, String named) {
    Map<String, String> endpoints = new HashMap<>();
    endpoints.put(
        PrometheusEndpoints.DEFAULT,
        url(
            "GANTRY_PROMETHEUS_URL",
            orDefault(defaultUrl, "http://prometheus-operated.monitoring.svc:9090")));
    for (String entry : list(named)) {
      int eq = entry.indexOf('=');
      String name = eq < 0 ? "" : entry.substring(0, eq).trim();
      if (!name.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) {
        throw new IllegalArgumentException(
            "GANTRY_PROMETHEUS_ENDPOINTS: '"
                + entry
                + "': expected <name>=<url>, the name a DNS label");
      }
      endpoints.put(name, url("GANTRY_PROMETHEUS_ENDPOINTS", entry.substring(eq + 1).trim()));
    }
    return new PrometheusEndpoints(endpoints);
  }

  private static String url(String variable, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + ": '" + url + "' is not a URL", e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          variable + ": '" + url + "' must be an http(s) URL without query or fragment");
    }
    return url;
  }

  /**
   * The setting parsed, or the fallback when it is not set; a malformed value fails naming the
   * variable.
   */
  private static <T> T setting(String name, String value, Function<String, T> parse, T fallback) {
    return value.isEmpty() ? fallback : setting(name, value, parse);
  }

  private static <T> T setting(String name, String value, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + "=" + value + ": " + e.getMessage(), e);
    }
  }

  private static String labelName(String value) {
    if (!value.matches("^[a-zA-Z_][a-zA-Z0-9_]*$")) {
      throw new IllegalArgumentException("not a Prometheus label name");
    }
    return value;
  }

  private static <E extends Enum<E>> E choice(String name, String value, E[] choices, E fallback) {
    if (value.isEmpty()) {
      return fallback;
    }
    for (E choice : choices) {
      if (choice.name().equalsIgnoreCase(value)) {
        return choice;
      }
    }
    throw new IllegalArgumentException(
        name
            + "="
            + value
            + ": must be one of "
            + Arrays.stream(choices).map(Enum::name).collect(Collectors.joining(", ")));
  }

  /** {@code cpu=100m,memory=128Mi}. */
  private static Map<String, Quantity> quantities(String value) {
    Map<String, Quantity> quantities = new HashMap<>();
    for (String entry : list(value)) {
      String[] parts = entry.split("=", 2);
      String resource = parts[0].trim();
      if (parts.length != 2 || !Set.of("cpu", "memory", "ephemeral-storage").contains(resource)) {
        throw new IllegalArgumentException(
            "'" + entry + "': expected cpu=…, memory=… or ephemeral-storage=…");
      }
      quantities.put(resource, quantity(parts[1].trim()));
    }
    return quantities;
  }

  private static Quantity quantity(String text) {
    Quantity quantity = new Quantity(text);
    // Throws for text that is not a quantity.
    Quantity.getAmountInBytes(quantity);
    return quantity;
  }

  private static long bytes(String name, String value, long fallback) {
    return value.isEmpty()
        ? fallback
        : setting(name, value, text -> Quantity.getAmountInBytes(quantity(text)).longValueExact());
  }

  /**
   * The management endpoints of the services' runtime (and Spring Boot's actuator), unless the
   * platform lists its own.
   */
  static final List<String> DEFAULT_MANAGEMENT_PATHS =
      List.of("/health", "/prometheus", "/metrics", "/registry", "/openapi", "/actuator");

  private static List<String> managementPaths(String value) {
    List<String> paths = value.isEmpty() ? DEFAULT_MANAGEMENT_PATHS : list(value);
    for (String path : paths) {
      if (!path.startsWith("/") || path.contains("*")) {
        throw new IllegalArgumentException(
            "GANTRY_MANAGEMENT_PATHS: '"
                + path
                + "' is not a path such as /health (each covers what lies below it; no wildcards)");
      }
    }
    return List.copyOf(paths);
  }

  /**
   * The registry's Secret: a DNS name, and only for https endpoints — a password is never sent in
   * clear.
   */
  private static Optional<String> etcdSecret(String value, List<String> endpoints) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!value.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "GANTRY_ETCD_SECRET: '" + value + "' is not a Secret name");
    }
    if (endpoints.isEmpty() || endpoints.stream().anyMatch(e -> !e.startsWith("https://"))) {
      throw new IllegalArgumentException(
          "GANTRY_ETCD_SECRET needs GANTRY_ETCD_ENDPOINTS, all https:// (passwords are never sent"
              + " in clear): "
              + endpoints);
    }
    return Optional.of(value);
  }

  /** Both or neither: a KafkaUser is for one cluster, in the namespace its operator watches. */
  private static Optional<Platform.Strimzi> strimzi(String namespace, String cluster) {
    if (namespace.isEmpty() && cluster.isEmpty()) {
      return Optional.empty();
    }
    if (namespace.isEmpty() || cluster.isEmpty()) {
      throw new IllegalArgumentException(
          "GANTRY_KAFKA_STRIMZI_NAMESPACE and GANTRY_KAFKA_STRIMZI_CLUSTER go together: the"
              + " namespace Strimzi's User Operator watches and the Kafka cluster it serves");
    }
    if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "GANTRY_KAFKA_STRIMZI_NAMESPACE: '" + namespace + "' is not a namespace name");
    }
    if (!cluster.matches("[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "GANTRY_KAFKA_STRIMZI_CLUSTER: '" + cluster + "' is not a Kafka resource name");
    }
    return Optional.of(new Platform.Strimzi(namespace, cluster));
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
        throw new IllegalArgumentException(
            name + "=" + value + ": must be between " + min + " and " + max);
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
      return java.net.InetAddress.getLocalHost().getHostName()
          + "-"
          + ProcessHandle.current().pid();
    } catch (java.io.IOException e) {
      return "gantry-operator-" + ProcessHandle.current().pid();
    }
  }

  private static Analysis.MetricsSource metricsSource(String value) {
    return choice(
        "GANTRY_METRICS_SOURCE",
        value,
        Analysis.MetricsSource.values(),
        Analysis.MetricsSource.Istio);
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
