package dev.gantry.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.operator.reconcile.Capabilities;
import dev.gantry.operator.testing.Helm;
import dev.gantry.operator.testing.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code helm lint --strict} and {@code helm template} of every chart, and what the rendered
 * objects must say: the operator's exact rights, its locked-down pod, the repository's CRDs
 * unchanged, one Microservice per service release, the coffee shop as the examples describe it.
 */
class ChartTemplatesIT {

  private static final Helm HELM = Helm.offline();
  private static final String NAMESPACE = "gantry-system";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gantry-operator, ''",
    "microservice, image=gantry/coffee-order:0.1.0",
    "coffee-shop, ''"
  })
  void lintsStrictly(String chart, String set) {
    List<String> args = new ArrayList<>(List.of("lint", "--strict", Helm.chart(chart)));
    if (!set.isEmpty()) {
      args.addAll(List.of("--set", set));
    }
    assertThat(HELM.ok(args.toArray(String[]::new)))
        .contains("1 chart(s) linted, 0 chart(s) failed");
  }

  @Test
  void operatorChartRendersEveryPart() {
    Manifests rendered = operatorChart("--include-crds");
    assertThat(rendered.summary())
        .containsExactlyInAnyOrder(
            "CustomResourceDefinition/clustermetrictemplates.gantry.dev",
            "CustomResourceDefinition/microservices.gantry.dev",
            "CustomResourceDefinition/releaseactions.gantry.dev",
            "CustomResourceDefinition/releasegroups.gantry.dev",
            "ServiceAccount/gantry-operator",
            "ClusterRole/gantry-operator",
            "ClusterRole/gantry-operator-cluster-reader",
            "ClusterRoleBinding/gantry-operator",
            "ClusterRoleBinding/gantry-operator-cluster-reader",
            "Role/gantry-operator-leader-election",
            "RoleBinding/gantry-operator-leader-election",
            "Deployment/gantry-operator",
            "Service/gantry-operator-metrics",
            "PodDisruptionBudget/gantry-operator",
            "NetworkPolicy/gantry-operator",
            "ValidatingAdmissionPolicy/gantry-releaseaction-requested-by",
            "ValidatingAdmissionPolicyBinding/gantry-releaseaction-requested-by",
            "ValidatingAdmissionPolicy/gantry-status-writer",
            "ValidatingAdmissionPolicyBinding/gantry-status-writer",
            "ValidatingAdmissionPolicy/gantry-microservice-hosts",
            "ValidatingAdmissionPolicyBinding/gantry-microservice-hosts",
            "ClusterRole/gantry-release-manager");
  }

  /**
   * crds/ is generated from the Java API; the chart must carry exactly that, never a stale copy.
   */
  @Test
  void operatorChartShipsTheRepositoryCrdsPolicyAndRoleUnchanged() throws IOException {
    Manifests rendered = operatorChart("--include-crds");
    List<Path> sources;
    try (Stream<Path> files = Files.list(LocalCluster.repoRoot().resolve("crds"))) {
      sources = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(sources).hasSizeGreaterThanOrEqualTo(4);
    for (Path source : sources) {
      for (JsonNode expected : Manifests.read(source).objects()) {
        String kind = expected.path("kind").asText();
        JsonNode actual = rendered.get(kind, Manifests.name(expected));
        assertThat(Manifests.withoutBookkeeping(actual))
            .as(
                "%s %s in the chart equals %s",
                kind, Manifests.name(expected), source.getFileName())
            .isEqualTo(Manifests.withoutBookkeeping(expected));
      }
    }
    Path chartCrds = Path.of(Helm.chart("gantry-operator"), "crds");
    try (Stream<Path> files = Files.list(chartCrds)) {
      for (Path file : files.toList()) {
        Path source = LocalCluster.repoRoot().resolve("crds").resolve(file.getFileName());
        assertThat(Files.mismatch(file, source))
            .as("%s is byte for byte crds/%s", file, file.getFileName())
            .isEqualTo(-1L);
      }
    }
  }

  /** Exactly the rights the operator uses: the list in the chart is this list, and nothing else. */
  @Test
  void operatorRoleGrantsExactlyWhatTheOperatorUses() {
    Manifests rendered = operatorChart();
    Set<String> children = new TreeSet<>();
    for (String resource :
        List.of(
            "apps/deployments",
            "/configmaps",
            "/services",
            "/serviceaccounts",
            "policy/poddisruptionbudgets",
            "autoscaling/horizontalpodautoscalers",
            "networking.istio.io/virtualservices",
            "networking.istio.io/destinationrules",
            "security.istio.io/authorizationpolicies",
            "monitoring.coreos.com/servicemonitors",
            "monitoring.coreos.com/prometheusrules")) {
      for (String verb : List.of("get", "list", "watch", "create", "patch", "delete")) {
        children.add(resource + " " + verb);
      }
    }
    Set<String> expected = new TreeSet<>(children);
    expected.addAll(
        List.of(
            "gantry.dev/microservices get",
            "gantry.dev/microservices list",
            "gantry.dev/microservices watch",
            "gantry.dev/microservices/status get",
            "gantry.dev/microservices/status patch",
            "gantry.dev/microservices/status update",
            "gantry.dev/microservices/finalizers update",
            "gantry.dev/releaseactions get",
            "gantry.dev/releaseactions list",
            "gantry.dev/releaseactions watch",
            "gantry.dev/releaseactions delete",
            "gantry.dev/releaseactions/status get",
            "gantry.dev/releaseactions/status patch",
            "gantry.dev/releaseactions/status update",
            "gantry.dev/releasegroups get",
            "gantry.dev/releasegroups list",
            "gantry.dev/releasegroups watch",
            "gantry.dev/releasegroups/status get",
            "gantry.dev/releasegroups/status patch",
            "gantry.dev/releasegroups/status update",
            "/events create",
            "/events patch"));
    assertThat(grants(rendered.get("ClusterRole", "gantry-operator")))
        .containsExactlyElementsOf(expected);
    JsonNode clusterReader = rendered.get("ClusterRole", "gantry-operator-cluster-reader");
    assertThat(grants(clusterReader))
        .containsExactly(
            "/namespaces get",
            "/namespaces list",
            "/namespaces watch",
            "admissionregistration.k8s.io/validatingadmissionpolicies get",
            "admissionregistration.k8s.io/validatingadmissionpolicies list",
            "admissionregistration.k8s.io/validatingadmissionpolicies watch",
            "admissionregistration.k8s.io/validatingadmissionpolicybindings get",
            "admissionregistration.k8s.io/validatingadmissionpolicybindings list",
            "admissionregistration.k8s.io/validatingadmissionpolicybindings watch",
            "apiextensions.k8s.io/customresourcedefinitions get",
            "apiextensions.k8s.io/customresourcedefinitions list",
            "apiextensions.k8s.io/customresourcedefinitions watch",
            "gantry.dev/clustermetrictemplates get");
    assertThat(clusterReader.path("rules").get(0).path("resourceNames"))
        .extracting(JsonNode::asText)
        .as("the definitions the operator watches, and no other")
        .containsExactlyInAnyOrderElementsOf(Capabilities.WATCHED);
    assertThat(clusterReader.path("rules").get(1).path("resourceNames"))
        .extracting(JsonNode::asText)
        .as("the ReleaseAction policy, which it checks is installed, and no other")
        .containsExactly("gantry-releaseaction-requested-by");
    JsonNode leaderElection = rendered.get("Role", "gantry-operator-leader-election");
    assertThat(grants(leaderElection))
        .containsExactly(
            "coordination.k8s.io/leases create",
            "coordination.k8s.io/leases get",
            "coordination.k8s.io/leases patch",
            "coordination.k8s.io/leases update");
    assertThat(leaderElection.path("rules").get(1).path("resourceNames").toString())
        .as("get and renew only the operator's own Lease")
        .isEqualTo("[\"gantry-operator-leader\"]");
    assertThat(leaderElection.path("metadata").path("namespace").asText()).isEqualTo(NAMESPACE);
  }

  @Test
  void operatorPodIsLockedDownAndConfiguredForLeaderElection() {
    Manifests rendered = operatorChart();
    JsonNode deployment = rendered.get("Deployment", "gantry-operator");
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("gantry-operator");
    assertThat(pod.path("automountServiceAccountToken").asBoolean())
        .as("the operator needs its token")
        .isTrue();
    assertThat(
            rendered
                .get("ServiceAccount", "gantry-operator")
                .path("automountServiceAccountToken")
                .asBoolean(true))
        .as("no other pod of this account gets a token by default")
        .isFalse();
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
    assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
        .isEqualTo("RuntimeDefault");
    assertThat(pod.path("affinity").path("podAntiAffinity").isMissingNode()).isFalse();
    assertThat(pod.path("topologySpreadConstraints").findValuesAsText("topologyKey"))
        .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");

    JsonNode container = pod.path("containers").get(0);
    JsonNode security = container.path("securityContext");
    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(security.path("capabilities").has("add")).isFalse();
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/healthz");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/readyz");
    assertThat(container.path("livenessProbe").path("httpGet").path("port").asText())
        .isEqualTo("metrics");
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
    assertThat(container.path("resources").path("requests").path("memory").asText()).isNotEmpty();
    assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
    assertThat(container.path("volumeMounts").findValuesAsText("mountPath"))
        .containsExactly("/tmp");

    Map<String, String> env = new TreeMap<>();
    container
        .path("env")
        .forEach(
            e ->
                env.put(
                    e.path("name").asText(),
                    e.has("value")
                        ? e.path("value").asText()
                        : "fieldRef:"
                            + e.path("valueFrom").path("fieldRef").path("fieldPath").asText()));
    assertThat(env)
        .containsEntry("POD_NAME", "fieldRef:metadata.name")
        .containsEntry("POD_NAMESPACE", "fieldRef:metadata.namespace")
        .containsEntry("GANTRY_LEASE_NAMESPACE", "fieldRef:metadata.namespace")
        .containsEntry("GANTRY_LEADER_ELECTION", "true")
        .containsEntry("GANTRY_LEASE_NAME", "gantry-operator-leader")
        .containsEntry("GANTRY_METRICS_PORT", "8080")
        .containsEntry("MALLOC_ARENA_MAX", "2")
        .containsEntry("GANTRY_WATCH_NAMESPACES", "")
        .containsKeys(
            "GANTRY_PROMETHEUS_URL",
            "GANTRY_ETCD_ENDPOINTS",
            "GANTRY_KAFKA_BOOTSTRAP_SERVERS",
            "GANTRY_TRUST_DOMAIN",
            "GANTRY_INGRESS_GATEWAY_PRINCIPAL",
            "GANTRY_PROMETHEUS_NAMESPACE");
  }

  /** Every setting the operator reads from its environment can be set through the chart. */
  @Test
  void chartSetsEveryVariableTheOperatorReads() throws IOException {
    String source =
        Files.readString(
            LocalCluster.repoRoot()
                .resolve("operator/src/main/java/dev/gantry/operator/config/OperatorConfig.java"));
    Set<String> read = new TreeSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"((GANTRY|POD)_[A-Z_]+)\"").matcher(source);
    while (m.find()) {
      read.add(m.group(1));
    }
    assertThat(read)
        .as("variables OperatorConfig reads")
        .contains("GANTRY_WATCH_NAMESPACES", "GANTRY_LEASE_NAMESPACE");
    Set<String> set = new TreeSet<>();
    operatorContainer(operatorChart()).path("env").forEach(e -> set.add(e.path("name").asText()));
    assertThat(set).containsAll(read);
  }

  @Test
  void operatorSettingsBecomeItsEnvironment() {
    Manifests rendered =
        operatorChart(
            "--set",
            "watchNamespaces={shop,payments}",
            "--set",
            "etcdEndpoints={https://etcd-0.etcd:2379,https://etcd-1.etcd:2379}",
            "--set",
            "etcdSecret=gantry-etcd",
            "--set",
            "kafkaBootstrapServers=kafka-0.kafka:9092\\,kafka-1.kafka:9092",
            "--set",
            "prometheusUrl=http://prometheus.observability.svc:9090",
            "--set",
            "rollouts.maxConcurrent=25",
            "--set-json",
            "kafkaTopics=[{\"topic\":\"order-placed\",\"namespaces\":[\"shop\",\"kitchen\"]},"
                + "{\"topic\":\"audit.*\",\"namespaces\":[\"*\"]}]",
            "--set",
            "image.digest=sha256:" + "a".repeat(64));
    JsonNode container = operatorContainer(rendered);
    Map<String, String> env = new TreeMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    assertThat(env)
        .containsEntry("GANTRY_WATCH_NAMESPACES", "shop,payments")
        .containsEntry("GANTRY_ETCD_ENDPOINTS", "https://etcd-0.etcd:2379,https://etcd-1.etcd:2379")
        .containsEntry("GANTRY_ETCD_SECRET", "gantry-etcd")
        .containsEntry("GANTRY_KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka:9092,kafka-1.kafka:9092")
        .containsEntry("GANTRY_PROMETHEUS_URL", "http://prometheus.observability.svc:9090")
        .containsEntry("GANTRY_MAX_CONCURRENT_ROLLOUTS", "25")
        .containsEntry("GANTRY_KAFKA_TOPICS", "order-placed=shop,kitchen;audit.*=*");
    assertThat(container.path("image").asText())
        .isEqualTo("gantry/gantry-operator@sha256:" + "a".repeat(64));
  }

  @Test
  void watchingListedNamespacesBindsTheRoleOnlyThere() {
    Manifests rendered = operatorChart("--set", "watchNamespaces={shop,payments}");
    assertThat(rendered.find("ClusterRoleBinding", "gantry-operator"))
        .as("no cluster-wide binding")
        .isEmpty();
    assertThat(
            rendered.ofKind("RoleBinding").stream()
                .filter(b -> b.path("roleRef").path("name").asText().equals("gantry-operator"))
                .map(b -> b.path("metadata").path("namespace").asText())
                .toList())
        .containsExactlyInAnyOrder("shop", "payments");
    assertThat(rendered.find("ClusterRoleBinding", "gantry-operator-cluster-reader")).isPresent();

    Manifests everywhere = operatorChart();
    assertThat(
            everywhere
                .get("ClusterRoleBinding", "gantry-operator")
                .path("subjects")
                .get(0)
                .toString())
        .isEqualTo(
            "{\"kind\":\"ServiceAccount\",\"name\":\"gantry-operator\",\"namespace\":\"gantry-system\"}");
  }

  /**
   * Strimzi mode grants KafkaUsers and reading Secrets in Strimzi's namespace, and Secrets where
   * the operator's role is bound; without it the operator holds no right on Secrets anywhere.
   */
  @Test
  void strimziModeAloneGrantsKafkaUsersAndSecrets() {
    Manifests plain = operatorChart("--set", "watchNamespaces={shop}");
    assertThat(plain.get("ClusterRole", "gantry-operator").toString()).doesNotContain("secrets");
    assertThat(plain.find("Role", "gantry-operator-kafka-users")).isEmpty();
    assertThat(
            plain
                .get("ClusterRole", "gantry-operator-cluster-reader")
                .path("rules")
                .get(0)
                .path("resourceNames")
                .toString())
        .as("the CRD is watched either way, to notice Strimzi")
        .contains("kafkausers.kafka.strimzi.io");

    Manifests strimzi =
        operatorChart(
            "--set",
            "watchNamespaces={shop}",
            "--set",
            "kafkaStrimzi.namespace=kafka",
            "--set",
            "kafkaStrimzi.cluster=events");
    JsonNode users = strimzi.get("Role", "gantry-operator-kafka-users");
    assertThat(users.path("metadata").path("namespace").asText()).isEqualTo("kafka");
    assertThat(users.path("rules").toString())
        .isEqualTo(
            "[{\"apiGroups\":[\"kafka.strimzi.io\"],\"resources\":[\"kafkausers\"],"
                + "\"verbs\":[\"get\",\"list\",\"watch\",\"create\",\"patch\",\"delete\"]},"
                + "{\"apiGroups\":[\"\"],\"resources\":[\"secrets\"],"
                + "\"verbs\":[\"get\",\"list\",\"watch\"]}]");
    assertThat(strimzi.get("RoleBinding", "gantry-operator-kafka-users").path("roleRef").toString())
        .contains("gantry-operator-kafka-users");
    assertThat(strimzi.get("ClusterRole", "gantry-operator").path("rules").toString())
        .contains(
            "{\"apiGroups\":[\"\"],\"resources\":[\"secrets\"],"
                + "\"verbs\":[\"get\",\"list\",\"watch\",\"create\",\"patch\",\"delete\"]}");
    Map<String, String> env = new TreeMap<>();
    operatorContainer(strimzi)
        .path("env")
        .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    assertThat(env)
        .containsEntry("GANTRY_KAFKA_STRIMZI_NAMESPACE", "kafka")
        .containsEntry("GANTRY_KAFKA_STRIMZI_CLUSTER", "events");
  }

  @Test
  void serviceMonitorOnlyWhereThePrometheusOperatorApiIsServed() {
    assertThat(operatorChart().ofKind("ServiceMonitor")).isEmpty();
    Manifests withApi = operatorChart("--api-versions", "monitoring.coreos.com/v1/ServiceMonitor");
    JsonNode monitor = withApi.get("ServiceMonitor", "gantry-operator");
    JsonNode service = withApi.get("Service", "gantry-operator-metrics");
    assertThat(monitor.path("spec").path("selector").path("matchLabels").properties())
        .allSatisfy(
            label ->
                assertThat(service.path("metadata").path("labels").path(label.getKey()).asText())
                    .isEqualTo(label.getValue().asText()));
    assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText())
        .isEqualTo("metrics");
    assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText())
        .isEqualTo("/metrics");
    assertThat(
            operatorChart(
                    "--api-versions",
                    "monitoring.coreos.com/v1/ServiceMonitor",
                    "--set",
                    "metrics.serviceMonitor.enabled=false")
                .ofKind("ServiceMonitor"))
        .isEmpty();
  }

  @Test
  void singleReplicaWithoutLeaderElectionNeedsNoLeaseRights() {
    Manifests rendered =
        operatorChart("--set", "replicas=1", "--set", "leaderElection.enabled=false");
    assertThat(rendered.find("Role", "gantry-operator-leader-election")).isEmpty();
    assertThat(rendered.find("PodDisruptionBudget", "gantry-operator"))
        .as("a PDB on one replica blocks drains")
        .isEmpty();
  }

  @Test
  void microserviceChartRendersOnlyTheMicroservice() {
    Manifests minimal =
        Manifests.parse(
            HELM.ok(
                "template",
                "order",
                Helm.chart("microservice"),
                "-n",
                "shop",
                "--set",
                "image=gantry/coffee-order:0.1.0"));
    assertThat(minimal.summary()).containsExactly("Microservice/order");
    JsonNode ms = minimal.objects().get(0);
    assertThat(ms.path("apiVersion").asText()).isEqualTo("gantry.dev/v1alpha1");
    assertThat(ms.path("metadata").path("namespace").asText()).isEqualTo("shop");
    assertThat(ms.path("spec").toString())
        .isEqualTo(
            "{\"image\":\"gantry/coffee-order:0.1.0\",\"port\":8080,\"discovery\":{\"enabled\":false}}");
  }

  @Test
  void microserviceValuesBecomeTheSpecFieldByField() throws IOException {
    Path values = Files.createTempFile("order-values", ".yaml");
    Files.writeString(
        values,
        """
        name: orders
        labels: {team: checkout}
        image: gantry/coffee-order:0.2.0
        port: 8081
        env:
          - {name: LOG_LEVEL, value: debug}
          - name: DB_PASSWORD
            valueFrom: {secretKeyRef: {name: order-db, key: password}}
        resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 512Mi}}
        config: {order.max-items: "20", feature.enabled: "true"}
        healthChecks: {readinessPath: /ready, livenessPath: /live, periodSeconds: 5}
        autoscaling: {minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 70}
        dependsOn: [member]
        discovery: {enabled: true}
        kafka: {produces: [order-placed], consumes: [order-status]}
        monitoring: {path: /metrics, interval: 15s, slo: {availabilityPercent: 99.9, latencyP99Milliseconds: 300}}
        traffic:
          hosts: [shop.example.com]
          gateways: [istio-system/gantry-gateway]
          publicPaths: [/orders, /orders/*]
          timeout: 3s
          retries: {attempts: 2, perTryTimeout: 1s}
          circuitBreaker: {consecutive5xxErrors: 5, maxConnections: 200}
        rollout:
          strategy: Canary
          canary:
            steps: [{setWeight: 10}, {pause: {duration: 2m}}, {setWeight: 50}, {pause: {}}]
            match: [{header: {name: x-canary, exact: "yes"}}]
            mirrorPercent: 5
        """);
    Manifests rendered =
        Manifests.parse(
            HELM.ok(
                "template",
                "order",
                Helm.chart("microservice"),
                "-n",
                "shop",
                "-f",
                values.toString()));
    Files.delete(values);
    assertThat(rendered.summary()).containsExactly("Microservice/orders");
    JsonNode ms = rendered.objects().get(0);
    assertThat(ms.path("metadata").path("labels").path("team").asText()).isEqualTo("checkout");
    JsonNode spec = ms.path("spec");
    assertThat(spec.has("replicas")).as("the autoscaler owns the count").isFalse();
    assertThat(spec.path("port").asInt()).isEqualTo(8081);
    assertThat(spec.path("env").get(1).path("valueFrom").path("secretKeyRef").path("name").asText())
        .isEqualTo("order-db");
    assertThat(spec.path("config").path("order.max-items").isTextual()).isTrue();
    assertThat(spec.path("config").path("feature.enabled").asText()).isEqualTo("true");
    assertThat(spec.path("autoscaling").path("maxReplicas").asInt()).isEqualTo(6);
    assertThat(spec.path("dependsOn").toString()).isEqualTo("[\"member\"]");
    assertThat(spec.path("kafka").path("produces").toString()).isEqualTo("[\"order-placed\"]");
    assertThat(spec.path("monitoring").path("slo").path("availabilityPercent").asDouble())
        .isEqualTo(99.9);
    assertThat(spec.path("traffic").path("retries").path("perTryTimeout").asText()).isEqualTo("1s");
    assertThat(spec.path("traffic").path("publicPaths").toString())
        .isEqualTo("[\"/orders\",\"/orders/*\"]");
    assertThat(spec.path("rollout").path("canary").path("steps").size()).isEqualTo(4);
    assertThat(spec.path("rollout").path("canary").path("steps").get(3).path("pause").isObject())
        .isTrue();
    assertThat(spec.path("healthChecks").path("readinessPath").asText()).isEqualTo("/ready");
  }

  /** The coffee-shop chart installs what examples/coffee-shop describes, and its topics. */
  @Test
  void coffeeShopIsTheExampleServicesAndTheirTopics() throws IOException {
    Manifests rendered =
        Manifests.parse(
            HELM.ok("template", "coffee-shop", Helm.chart("coffee-shop"), "-n", "shop"));
    List<String> databases = new ArrayList<>();
    for (String service : List.of("member", "order", "barista", "notification")) {
      databases.addAll(
          List.of(
              "StatefulSet/" + service + "-postgres",
              "ServiceAccount/" + service + "-postgres",
              "Service/" + service + "-postgres-rw",
              "Secret/" + service + "-postgres-app"));
    }
    assertThat(rendered.summary())
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(
                    Stream.of(
                        "Microservice/member",
                        "Microservice/order",
                        "Microservice/barista",
                        "Microservice/notification",
                        "ConfigMap/coffee-shop-kafka-topics",
                        "ConfigMap/coffee-shop-event-schemas",
                        "Secret/member-tokens",
                        "Secret/member-staff"),
                    databases.stream())
                .toList());
    Map<String, JsonNode> examples = new TreeMap<>();
    try (Stream<Path> files = Files.list(LocalCluster.repoRoot().resolve("examples/coffee-shop"))) {
      files
          .filter(f -> f.toString().endsWith(".yaml"))
          .forEach(
              f -> Manifests.read(f).objects().forEach(o -> examples.put(Manifests.name(o), o)));
    }
    assertThat(examples).containsOnlyKeys("member", "order", "barista", "notification");
    examples.forEach(
        (name, example) -> {
          JsonNode ms = rendered.get("Microservice", name);
          assertThat(ms.path("spec")).as("%s's spec", name).isEqualTo(example.path("spec"));
          example
              .path("metadata")
              .path("labels")
              .properties()
              .forEach(
                  label ->
                      assertThat(ms.path("metadata").path("labels").path(label.getKey()).asText())
                          .isEqualTo(label.getValue().asText()));
        });

    JsonNode topics =
        Manifests.YAML.readTree(
            rendered
                .get("ConfigMap", "coffee-shop-kafka-topics")
                .path("data")
                .path("topics.yaml")
                .asText());
    Map<String, JsonNode> byName = new TreeMap<>();
    topics.forEach(t -> byName.put(t.path("name").asText(), t));
    examples.forEach(
        (service, example) -> {
          example
              .path("spec")
              .path("kafka")
              .path("produces")
              .forEach(
                  topic ->
                      assertThat(byName.get(topic.asText()).path("producers").toString())
                          .as("%s produces %s", service, topic)
                          .contains("\"" + service + "\""));
          example
              .path("spec")
              .path("kafka")
              .path("consumes")
              .forEach(
                  topic ->
                      assertThat(byName.get(topic.asText()).path("consumers").toString())
                          .as("%s consumes %s", service, topic)
                          .contains("\"" + service + "\""));
        });
    assertThat(byName.get("order-placed").path("partitions").asInt()).isPositive();
    assertThat(byName.get("order-placed").path("replicationFactor").asInt()).isPositive();
    assertThat(byName.get("order-placed").path("consumers").toString()).isEqualTo("[\"barista\"]");
  }

  private static Manifests operatorChart(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("template", "gantry", Helm.chart("gantry-operator"), "-n", NAMESPACE));
    args.addAll(List.of(extra));
    return Manifests.parse(HELM.ok(args.toArray(String[]::new)));
  }

  /** Every (group/resource, verb) a role grants, sorted; a wildcard shows up as itself. */
  static Set<String> grants(JsonNode role) {
    Set<String> grants = new TreeSet<>();
    role.path("rules")
        .forEach(
            rule ->
                rule.path("apiGroups")
                    .forEach(
                        group ->
                            rule.path("resources")
                                .forEach(
                                    resource ->
                                        rule.path("verbs")
                                            .forEach(
                                                verb ->
                                                    grants.add(
                                                        group.asText()
                                                            + "/"
                                                            + resource.asText()
                                                            + " "
                                                            + verb.asText())))));
    return grants;
  }

  /** The operator's container in the rendered Deployment. */
  private static JsonNode operatorContainer(Manifests rendered) {
    return rendered
        .get("Deployment", "gantry-operator")
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .get(0);
  }
}
