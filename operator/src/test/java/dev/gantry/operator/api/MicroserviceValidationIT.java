package dev.gantry.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.testing.LocalCluster;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server itself refuses malformed Microservices (OpenAPI schema and CEL rules in the CRD),
 * with a message that names the field, before the operator ever sees them.
 */
class MicroserviceValidationIT {

  private static LocalCluster cluster;
  private static String namespace;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.shared();
    namespace = cluster.createNamespace("validation");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("image missing", "ok", "replicas: 1", "spec.image", "Required value"),
        bad("image with a space", "ok", "image: 'shop/order 1'", "spec.image", "should match"),
        bad(
            "negative replicas",
            "ok",
            "image: a\nreplicas: -1",
            "spec.replicas",
            "greater than or equal to 0"),
        bad("port zero", "ok", "image: a\nport: 0", "spec.port", "greater than or equal to 1"),
        bad(
            "port above 65535",
            "ok",
            "image: a\nport: 70000",
            "spec.port",
            "less than or equal to 65535"),
        bad(
            "port taken by the sidecar",
            "ok",
            "image: a\nport: 15001",
            "spec.port",
            "reserved for the Istio sidecar"),
        bad(
            "unknown strategy",
            "ok",
            "image: a\nrollout: {strategy: Blue}",
            "spec.rollout.strategy",
            "Unsupported value"),
        bad(
            "weight above 100",
            "ok",
            "image: a\nrollout: {strategy: Canary, canary: {steps: [{setWeight: 150}]}}",
            "spec.rollout.canary.steps[0].setWeight",
            "less than or equal to 100"),
        bad(
            "negative weight",
            "ok",
            "image: a\nrollout: {strategy: Canary, canary: {steps: [{setWeight: -5}]}}",
            "spec.rollout.canary.steps[0].setWeight",
            "greater than or equal to 0"),
        bad(
            "step with weight and pause",
            "ok",
            "image: a\nrollout: {strategy: Canary, canary: {steps: [{setWeight: 5, pause: {}}]}}",
            "spec.rollout.canary.steps[0]",
            "exactly one of setWeight or pause"),
        bad(
            "canary without steps",
            "ok",
            "image: a\nrollout: {strategy: Canary}",
            "spec.rollout.strategy",
            "needs rollout.canary"),
        bad(
            "canary settings on a rolling strategy",
            "ok",
            "image: a\nrollout: {strategy: Rolling, canary: {steps: [{setWeight: 5}]}}",
            "spec.rollout.canary",
            "only allowed with strategy Canary"),
        bad(
            "blue-green settings on a canary",
            "ok",
            "image: a\nrollout: {strategy: Canary, canary: {steps: [{setWeight: 5}]}, blueGreen: {}}",
            "spec.rollout.blueGreen",
            "only allowed with strategy BlueGreen"),
        bad(
            "name too long for <name>-<revision>",
            "a-name-that-is-far-too-long-for-a-deployment-and-its-rev",
            "image: a",
            "metadata.name",
            "at most 52 characters"),
        bad("name starting with a digit", "1order", "image: a", "metadata.name", "DNS-1035 label"),
        bad(
            "autoscaling minimum above maximum",
            "ok",
            "image: a\nresources: {requests: {cpu: 100m}}\nautoscaling: {minReplicas: 5, maxReplicas: 2}",
            "spec.autoscaling.minReplicas",
            "must not exceed maxReplicas"),
        bad(
            "autoscaling without a CPU request",
            "ok",
            "image: a\nautoscaling: {minReplicas: 1, maxReplicas: 2}",
            "spec.autoscaling",
            "needs resources.requests.cpu"),
        bad(
            "malformed scrape interval",
            "ok",
            "image: a\nmonitoring: {interval: 30 seconds}",
            "spec.monitoring.interval",
            "should match"),
        bad(
            "malformed pause duration",
            "ok",
            "image: a\nrollout: {strategy: Canary, canary: {steps: [{pause: {duration: 5 minutes}}]}}",
            "spec.rollout.canary.steps[0].pause.duration",
            "should match"),
        bad(
            "malformed timeout",
            "ok",
            "image: a\ntraffic: {timeout: soon}",
            "spec.traffic.timeout",
            "should match"),
        bad(
            "per-try timeout longer than the timeout",
            "ok",
            "image: a\ntraffic: {timeout: 1s, retries: {attempts: 2, perTryTimeout: 2s}}",
            "spec.traffic.retries.perTryTimeout",
            "must not exceed timeout"),
        bad(
            "too many retries",
            "ok",
            "image: a\ntraffic: {retries: {attempts: 11}}",
            "spec.traffic.retries.attempts",
            "less than or equal to 10"),
        bad(
            "host that is not a DNS name",
            "ok",
            "image: a\ntraffic: {publicPaths: ['/*'], hosts: ['shop example.com']}",
            "spec.traffic.hosts",
            "must be fully qualified DNS names"),
        bad(
            "wildcard host",
            "ok",
            "image: a\ntraffic: {publicPaths: ['/*'], hosts: ['*.example.com']}",
            "spec.traffic.hosts",
            "must not be wildcards"),
        bad(
            "another namespace's service as a host",
            "ok",
            "image: a\ntraffic: {publicPaths: ['/*'], hosts: [payments.billing.svc.cluster.local]}",
            "spec.traffic.hosts",
            "must not be in-cluster names"),
        bad(
            "host in no domain the platform grants",
            "ok",
            "image: a\ntraffic: {publicPaths: ['/*'], hosts: [shop.example.org]}",
            "spec.traffic.hosts: shop.example.org not in a domain the platform allows namespace",
            "allowed: "),
        bad(
            "hosts without public paths",
            "ok",
            "image: a\ntraffic: {hosts: [shop.example.com]}",
            "spec.traffic.publicPaths",
            "publicPaths is required with hosts or gateways"),
        bad(
            "a gateway without public paths",
            "ok",
            "image: a\ntraffic: {gateways: [istio-system/gantry-gateway]}",
            "spec.traffic.publicPaths",
            "publicPaths is required with hosts or gateways"),
        bad(
            "a public path with a wildcard inside",
            "ok",
            "image: a\ntraffic: {hosts: [shop.example.com], publicPaths: ['/orders/*/items']}",
            "spec.traffic.publicPaths",
            "prefixes ending in *"),
        bad(
            "a public path with a query",
            "ok",
            "image: a\ntraffic: {hosts: [shop.example.com], publicPaths: ['/orders?all=1']}",
            "spec.traffic.publicPaths",
            "no query"),
        bad(
            "in-cluster preview host",
            "ok",
            "image: a\nrollout: {strategy: BlueGreen, blueGreen: {previewHosts: [order.shop.svc]}}",
            "spec.rollout.blueGreen.previewHosts",
            "must not be in-cluster names"),
        bad(
            "metric with both a query and a template",
            "ok",
            "image: a\nrollout: {strategy: Canary, canary: {steps: [{setWeight: 5}], analysis: {metrics: [{name: m,"
                + " query: up, templateRef: {name: t}, thresholdRange: {max: 1}}]}}}",
            "spec.rollout.canary.analysis.metrics[0].templateRef",
            "either a query or a templateRef"),
        bad(
            "gateway with an invalid name",
            "ok",
            "image: a\ntraffic: {gateways: [istio-system/Public_GW]}",
            "spec.traffic.gateways",
            "Gateway names"),
        bad(
            "depending on itself",
            "ok",
            "image: a\ndependsOn: [ok]",
            "spec.dependsOn",
            "must not name the Microservice itself"),
        bad(
            "dependency that is not a name",
            "ok",
            "image: a\ndependsOn: [Member]",
            "spec.dependsOn",
            "DNS-1035"),
        bad(
            "duplicate dependency",
            "ok",
            "image: a\ndependsOn: [member, member]",
            "spec.dependsOn",
            "must be unique"),
        bad(
            "api.uses naming a service it does not depend on",
            "ok",
            "image: a\ndependsOn: [member]\napi: {uses: [{service: barista, operations: ['GET /x']}]}",
            "spec.api.uses",
            "must be a Microservice listed in dependsOn"),
        bad(
            "api.uses operation that is not METHOD /path",
            "ok",
            "image: a\ndependsOn: [member]\napi: {uses: [{service: member, operations: ['members/{id}']}]}",
            "spec.api.uses[0].operations[0]",
            "should match"),
        bad(
            "api.events for a topic it does not produce",
            "ok",
            "image: a\nkafka: {produces: [a]}\napi: {events: [{topic: b, schema: {configMap: s, key: b.json}}]}",
            "spec.api.events",
            "must be a topic listed in kafka.produces"),
        bad(
            "api.onBreakingChange that is no policy",
            "ok",
            "image: a\napi: {onBreakingChange: Ignore}",
            "spec.api.onBreakingChange",
            "Unsupported value"),
        bad(
            "duplicate env name",
            "ok",
            "image: a\nenv: [{name: A, value: '1'}, {name: A, value: '2'}]",
            "spec.env",
            "must be unique"),
        bad(
            "env name reserved for the operator",
            "ok",
            "image: a\nenv: [{name: GANTRY_REVISION, value: x}]",
            "spec.env",
            "reserved"),
        bad(
            "Kafka address the operator injects",
            "ok",
            "image: a\nenv: [{name: KAFKA_BOOTSTRAP_SERVERS, value: x:9092}]",
            "spec.env",
            "reserved for what the operator injects"),
        bad(
            "Kafka login the operator injects",
            "ok",
            "image: a\nenv: [{name: KAFKA_SASL_JAAS_CONFIG, value: x}]",
            "spec.env",
            "reserved for what the operator injects"),
        bad(
            "env values too large for a Deployment",
            "ok",
            "image: a\nenv: ["
                + String.join(
                        ", ",
                        Collections.nCopies(5, "{name: A%d, value: '" + "x".repeat(30000) + "'}"))
                    .formatted(1, 2, 3, 4, 5)
                + "]",
            "spec.env",
            "must not exceed 131072 characters"),
        bad(
            "config too large for a ConfigMap",
            "ok",
            "image: a\nconfig: {a: '" + "x".repeat(70000) + "', b: '" + "y".repeat(70000) + "'}",
            "spec.config",
            "must not exceed 131072 characters"),
        bad(
            "env with value and valueFrom",
            "ok",
            "image: a\nenv: [{name: A, value: x, valueFrom: {secretKeyRef: {name: s, key: k}}}]",
            "spec.env[0]",
            "either value or valueFrom"),
        bad(
            "limit below its request",
            "ok",
            "image: a\nresources: {requests: {cpu: 500m}, limits: {cpu: 100m}}",
            "spec.resources.limits",
            "at least the matching request"),
        bad(
            "unknown resource",
            "ok",
            "image: a\nresources: {requests: {gpu: 1}}",
            "spec.resources.requests",
            "cpu, memory and ephemeral-storage"),
        bad(
            "malformed quantity",
            "ok",
            "image: a\nresources: {requests: {memory: lots}}",
            "spec.resources.requests",
            "quantities"),
        bad(
            "topic name with a space",
            "ok",
            "image: a\nkafka: {produces: ['order placed']}",
            "spec.kafka.produces",
            "topic names"),
        bad(
            "probe path without a slash",
            "ok",
            "image: a\nhealthChecks: {readinessPath: health}",
            "spec.healthChecks.readinessPath",
            "should match"),
        bad(
            "config key that is not a property name",
            "ok",
            "image: a\nconfig: {'bad key!': x}",
            "spec.config",
            "application property names"),
        bad(
            "availability of 100 percent",
            "ok",
            "image: a\nmonitoring: {slo: {availabilityPercent: 100}}",
            "spec.monitoring.slo.availabilityPercent",
            "below 100"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusedWithTheFieldNamed(
      String description, String name, String spec, String field, String message) {
    String manifest = manifest(name, spec);
    assertThatThrownBy(() -> cluster.admin().resource(manifest).inNamespace(namespace).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains(field).contains(message);
            });
    assertThat(cluster.microservices().inNamespace(namespace).list().getItems())
        .as("nothing was stored")
        .isEmpty();
  }

  @Test
  void wellFormedManifestIsAcceptedWithDefaults() {
    var created =
        cluster
            .admin()
            .resource(
                manifest(
                    "order",
                    """
        image: shop/order:1
        resources: {requests: {cpu: 1, memory: 128Mi}, limits: {cpu: "2"}}
        autoscaling: {minReplicas: 1, maxReplicas: 3}
        traffic: {timeout: 2s, retries: {attempts: 2, perTryTimeout: 500ms}, hosts: [api.shop.example.com], publicPaths: [/api/*]}
        rollout: {strategy: Canary, canary: {steps: [{setWeight: 10}, {pause: {}}, {pause: {duration: 1m30s}}]}}
        """))
            .inNamespace(namespace)
            .create();
    try {
      Microservice ms = cluster.microservices().inNamespace(namespace).withName("order").get();
      assertThat(ms.getSpec().port()).isEqualTo(8080);
      assertThat(ms.getSpec().autoscaling().targetCPUUtilizationPercentage()).isEqualTo(80);
      assertThat(ms.getSpec().rollout().canary().steps()).hasSize(3);
      assertThat(
              cluster.kubectl(
                  "get", "-n", namespace, "msvc", "order", "-o", "jsonpath={.spec.healthChecks}"))
          .as("absent blocks stay absent")
          .isEmpty();
    } finally {
      cluster.admin().resource(created).delete();
    }
  }

  private static Arguments bad(
      String description, String name, String spec, String field, String message) {
    return Arguments.of(description, name, spec, field, message);
  }

  private static String manifest(String name, String spec) {
    return "apiVersion: gantry.dev/v1alpha1\nkind: Microservice\nmetadata:\n  name: "
        + name
        + "\nspec:\n"
        + spec.indent(2);
  }
}
