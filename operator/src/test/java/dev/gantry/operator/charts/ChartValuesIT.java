package dev.gantry.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.testing.Helm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed values are refused by {@code helm template} (so by {@code helm install} too, before
 * anything reaches the cluster) with a message that names the value. Each case changes one value of
 * a set that renders ({@link #baseValuesRender}), so the refusal is for that value.
 */
class ChartValuesIT {

  private static final Helm HELM = Helm.offline();
  private static final String IMAGE = "image=gantry/coffee-order:0.1.0";
  private static final String CANARY = "rollout.strategy=Canary";

  static Stream<Arguments> microserviceRefusals() {
    return Stream.of(
        refused("missing image", "at '': missing property 'image'"),
        refused(
            "port out of range",
            "at '/port': maximum: got 70,000, want 65,535",
            IMAGE,
            "port=70000"),
        refused(
            "port of the sidecar",
            "port: 15001 is in 15000-15090, which the Istio sidecar reserves",
            IMAGE,
            "port=15001"),
        refused(
            "unknown strategy",
            "at '/rollout/strategy': value must be one of 'Rolling', 'Canary', 'BlueGreen'",
            IMAGE,
            "rollout.strategy=Linear"),
        refused(
            "weight above 100",
            "at '/rollout/canary/steps/0/setWeight': maximum: got 101, want 100",
            IMAGE,
            CANARY,
            "rollout.canary.steps[0].setWeight=101"),
        refused("misspelt key", "additional properties 'replica' not allowed", IMAGE, "replica=2"),
        refused(
            "image with a space",
            "at '/image': 'gantry/order 1' does not match pattern",
            "image=gantry/order 1"),
        refused(
            "replicas with autoscaling",
            "replicas: leave it unset when autoscaling is set",
            IMAGE,
            "replicas=2",
            "autoscaling.minReplicas=2",
            "autoscaling.maxReplicas=4",
            "resources.requests.cpu=100m"),
        refused(
            "autoscaling bounds reversed",
            "autoscaling: minReplicas (5) must not exceed maxReplicas (2)",
            IMAGE,
            "autoscaling.minReplicas=5",
            "autoscaling.maxReplicas=2",
            "resources.requests.cpu=100m"),
        refused(
            "autoscaling without a cpu request",
            "autoscaling: needs resources.requests.cpu",
            IMAGE,
            "autoscaling.minReplicas=1",
            "autoscaling.maxReplicas=2"),
        refused(
            "reserved env name",
            "env[0]: GANTRY_ETCD_ENDPOINTS: names starting with GANTRY_ are reserved",
            IMAGE,
            "env[0].name=GANTRY_ETCD_ENDPOINTS",
            "env[0].value=http://elsewhere:2379"),
        refused(
            "config value not a string",
            "at '/config/order.max-items': got number, want string",
            IMAGE,
            "config.order\\.max-items=20"),
        refused(
            "step both weight and pause",
            "rollout.canary.steps[0]: each step is exactly one of setWeight or pause",
            IMAGE,
            CANARY,
            "rollout.canary.steps[0].setWeight=10",
            "rollout.canary.steps[0].pause.duration=1m"),
        refused(
            "canary without steps",
            "rollout: strategy Canary needs rollout.canary.steps",
            IMAGE,
            CANARY),
        refused(
            "canary settings on Rolling",
            "rollout.canary: only allowed with rollout.strategy Canary",
            IMAGE,
            "rollout.canary.steps[0].setWeight=10"),
        refused(
            "pause not a duration",
            "at '/rollout/canary/steps/0/pause/duration': 'soon' does not match pattern",
            IMAGE,
            CANARY,
            "rollout.canary.steps[0].pause.duration=soon"),
        refused(
            "depends on itself",
            "dependsOn: order names the Microservice itself",
            IMAGE,
            "name=order",
            "dependsOn={member,order}"),
        refused(
            "bad Microservice name",
            "at '/name': 'Order' does not match pattern",
            IMAGE,
            "name=Order"),
        refused(
            "host not a DNS name",
            "at '/traffic/hosts/0': 'Shop.Example.com' does not match pattern",
            IMAGE,
            "traffic.hosts={Shop.Example.com}"),
        refused(
            "public path with a wildcard inside",
            "at '/traffic/publicPaths/0': '/orders/*/items' does not match pattern",
            IMAGE,
            "traffic.publicPaths={/orders/*/items}"),
        refused(
            "bad topic name",
            "at '/kafka/produces/0': 'order placed' does not match pattern",
            IMAGE,
            "kafka.produces={order placed}"),
        refused(
            "analysis metric of its own without a query",
            "rollout.canary.analysis.metrics[0]: p95 is no built-in metric",
            IMAGE,
            CANARY,
            "rollout.canary.steps[0].setWeight=10",
            "json:rollout.canary.analysis={\"metrics\":[{\"name\":\"p95\",\"thresholdRange\":{\"max\":300}}]}"),
        refused(
            "analysis threshold reversed",
            "rollout.canary.analysis.metrics[0].thresholdRange: min must not exceed max",
            IMAGE,
            CANARY,
            "rollout.canary.steps[0].setWeight=10",
            "json:rollout.canary.analysis={\"metrics\":[{\"name\":\"request-duration\",\"thresholdRange\":{\"min\":500,\"max\":300}}]}"),
        refused(
            "analysis source unknown",
            "at '/rollout/canary/analysis/source': value must be one of 'Istio', 'Micrometer'",
            IMAGE,
            CANARY,
            "rollout.canary.steps[0].setWeight=10",
            "rollout.canary.analysis.source=Datadog"),
        refused(
            "mirror above 100",
            "at '/rollout/canary/mirrorPercent': maximum: got 150, want 100",
            IMAGE,
            CANARY,
            "rollout.canary.steps[0].setWeight=10",
            "rollout.canary.mirrorPercent=150"));
  }

  static Stream<Arguments> operatorRefusals() {
    return Stream.of(
        refused(
            "unknown pull policy",
            "at '/image/pullPolicy': value must be one of 'IfNotPresent', 'Always', 'Never'",
            "image.pullPolicy=Sometimes"),
        refused(
            "two replicas without leader election",
            "replicas: more than one replica needs leaderElection.enabled=true",
            "leaderElection.enabled=false"),
        refused(
            "namespace not a DNS label",
            "at '/watchNamespaces/0': 'Team_A' does not match pattern",
            "watchNamespaces={Team_A}"),
        refused(
            "watching its own namespace",
            "watchNamespaces: gantry-system is the operator's own namespace",
            "watchNamespaces={shop,gantry-system}"),
        refused(
            "Prometheus URL without scheme",
            "at '/prometheusUrl': 'prometheus:9090' does not match pattern",
            "prometheusUrl=prometheus:9090"),
        refused(
            "etcd endpoint without scheme",
            "at '/etcdEndpoints/0': 'etcd:2379' does not match pattern",
            "etcdEndpoints={etcd:2379}"),
        refused(
            "etcd credentials for a plain-text endpoint",
            "etcdSecret: etcdEndpoints must all be https:// (passwords are never sent in clear), not http://etcd:2379",
            "etcdEndpoints={https://etcd-0:2379,http://etcd:2379}",
            "etcdSecret=gantry-etcd"),
        refused(
            "Kafka bootstrap without port",
            "at '/kafkaBootstrapServers': 'kafka' does not match pattern",
            "kafkaBootstrapServers=kafka"),
        refused(
            "Kafka topic grant with a wildcard inside",
            "at '/kafkaTopics/0/topic': 'order-*-placed' does not match pattern",
            "json:kafkaTopics=[{\"topic\":\"order-*-placed\",\"namespaces\":[\"shop\"]}]"),
        refused(
            "Kafka topic grant to no namespace",
            "at '/kafkaTopics/0/namespaces': minItems: got 0, want 1",
            "json:kafkaTopics=[{\"topic\":\"order-placed\",\"namespaces\":[]}]"),
        refused(
            "Strimzi's namespace without its cluster",
            "kafkaStrimzi: set namespace and cluster together",
            "kafkaStrimzi.namespace=kafka"),
        refused(
            "Strimzi's namespace among the watched ones",
            "kafkaStrimzi.namespace: shop is watched for Microservices",
            "watchNamespaces={shop}",
            "kafkaStrimzi.namespace=shop",
            "kafkaStrimzi.cluster=events"),
        refused(
            "privileged metrics port",
            "at '/metrics/port': minimum: got 80, want 1,024",
            "metrics.port=80"),
        refused(
            "duration in words",
            "at '/resyncInterval': 'ten minutes' does not match pattern",
            "resyncInterval=ten minutes"),
        refused(
            "unknown metrics source",
            "at '/metricsSource': value must be one of 'Istio', 'Micrometer'",
            "metricsSource=Prometheus"),
        refused(
            "unknown log format",
            "at '/logFormat': value must be one of 'json', 'text'",
            "logFormat=xml"),
        refused(
            "digest not sha256",
            "at '/image/digest': 'latest' does not match pattern",
            "image.digest=latest"),
        refused(
            "misspelt key",
            "additional properties 'watchNamespace' not allowed",
            "watchNamespace=shop"),
        refused(
            "no memory limit",
            "at '/resources/limits': missing property 'memory'",
            "resources.limits.memory=null"));
  }

  static Stream<Arguments> coffeeShopRefusals() {
    return Stream.of(
        refused(
            "a service's bad value, by the microservice schema",
            "at '/port': maximum: got 70,000, want 65,535",
            "order.port=70000"),
        refused(
            "a topic nobody declared",
            "order.kafka.produces: topic order-shipped is not declared in kafka.topics",
            "order.kafka.produces={order-placed,order-shipped}"),
        refused(
            "no partitions",
            "at '/kafka/topics/0/partitions': minimum: got 0, want 1",
            "kafka.topics[0].partitions=0"),
        refused(
            "unknown top-level key",
            "additional properties 'payments' not allowed",
            "payments.image=x"),
        refused(
            "a database provider the chart does not know",
            "at '/databases/provider': value must be one of 'auto', 'cloudnativepg', 'statefulset', 'none'",
            "databases.provider=mysql"),
        refused(
            "a volume size that is not a quantity",
            "at '/databases/storage': 'lots' does not match pattern",
            "databases.storage=lots"),
        refused(
            "CloudNativePG asked for where it is not installed",
            "databases.provider: cloudnativepg, but CloudNativePG's Cluster CRD (postgresql.cnpg.io/v1) is not installed",
            "databases.provider=cloudnativepg"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "microservice | " + IMAGE,
        "microservice | "
            + IMAGE
            + ","
            + CANARY
            + ",rollout.canary.steps[0].setWeight=10,rollout.canary.mirrorPercent=50",
        "microservice | "
            + IMAGE
            + ",autoscaling.minReplicas=2,autoscaling.maxReplicas=4,resources.requests.cpu=100m",
        "gantry-operator | watchNamespaces={shop},replicas=1,leaderElection.enabled=false",
        "coffee-shop | order.port=8081"
      })
  void baseValuesRender(String chart, String values) {
    var result = HELM.run(template(chart, List.of(values.split(",(?=[a-zA-Z])"))));
    assertThat(result.code()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("apiVersion");
  }

  @ParameterizedTest(name = "microservice: {0}")
  @MethodSource("microserviceRefusals")
  void microserviceChartRefuses(String what, String message, List<String> values) {
    assertRefused("microservice", message, values);
  }

  @ParameterizedTest(name = "gantry-operator: {0}")
  @MethodSource("operatorRefusals")
  void operatorChartRefuses(String what, String message, List<String> values) {
    assertRefused("gantry-operator", message, values);
  }

  @ParameterizedTest(name = "coffee-shop: {0}")
  @MethodSource("coffeeShopRefusals")
  void coffeeShopChartRefuses(String what, String message, List<String> values) {
    assertRefused("coffee-shop", message, values);
  }

  private static void assertRefused(String chart, String message, List<String> values) {
    var result = HELM.run(template(chart, values));
    assertThat(result.code())
        .as("helm refuses %s; it printed:\n%s", values, result.output())
        .isNotZero();
    assertThat(result.stdout()).as("nothing rendered").doesNotContain("apiVersion");
    assertThat(result.output()).contains(message);
  }

  private static String[] template(String chart, List<String> values) {
    List<String> args =
        new ArrayList<>(List.of("template", "x", Helm.chart(chart), "-n", "gantry-system"));
    // json:key={...} is --set-json (numbers with a fraction, whole objects); the rest --set.
    values.forEach(
        v ->
            args.addAll(
                v.startsWith("json:")
                    ? List.of("--set-json", v.substring(5))
                    : List.of("--set", v)));
    return args.toArray(String[]::new);
  }

  private static Arguments refused(String what, String message, String... values) {
    return Arguments.of(what, message, Arrays.asList(values));
  }
}
