package dev.gantry.operator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The coffee shop's call graph, from the example manifests' {@code dependsOn}, becomes
 * AuthorizationPolicies accepted by the real Istio CRD schema that admit exactly the declared
 * edges, and follow the graph when it changes.
 */
class AuthorizationPolicyIT {

  @Test
  void coffeeShopGraphAllowsExactlyTheDeclaredEdges() throws IOException {
    LocalCluster cluster = LocalCluster.shared();
    Microservices services = new Microservices(cluster, cluster.createNamespace("mesh"));
    String namespace = services.namespace();
    List<Microservice> shop;
    try (Stream<Path> files = Files.list(LocalCluster.repoRoot().resolve("examples/coffee-shop"))) {
      shop =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .sorted()
              .map(p -> Serialization.unmarshal(read(p), Microservice.class))
              .toList();
    }
    Map<String, Set<String>> callers = new HashMap<>();
    shop.forEach(ms -> callers.put(ms.getMetadata().getName(), new TreeSet<>()));
    shop.forEach(
        ms ->
            ms.getSpec()
                .dependsOn()
                .forEach(callee -> callers.get(callee).add(ms.getMetadata().getName())));
    assertThat(callers.values())
        .as("the example graph has edges")
        .anySatisfy(c -> assertThat(c).isNotEmpty());

    try (RunningOperator operator = RunningOperator.start(cluster, namespace)) {
      for (Microservice ms : shop) {
        ms.getMetadata().setNamespace(namespace);
        cluster.microservices().inNamespace(namespace).resource(ms).create();
      }
      for (Microservice ms : shop) {
        services.await(ms.getMetadata().getName(), "healthy", s -> s.phase() == Phase.Healthy);
      }
      callers.forEach(
          (service, expected) ->
              await(service + " admits " + expected)
                  .atMost(Duration.ofSeconds(30))
                  .untilAsserted(
                      () ->
                          assertThat(admitted(cluster, namespace, service))
                              .isEqualTo(principals(namespace, expected))));
      assertThat(
              cluster
                  .admin()
                  .serviceAccounts()
                  .inNamespace(namespace)
                  .withName("order")
                  .get()
                  .getAutomountServiceAccountToken())
          .isFalse();

      // order stops calling member: member's policy no longer admits it.
      cluster
          .microservices()
          .inNamespace(namespace)
          .withName("order")
          .edit(
              m -> {
                var s = m.getSpec();
                m.setSpec(
                    new dev.gantry.operator.api.MicroserviceSpec(
                        s.image(),
                        s.replicas(),
                        s.port(),
                        s.env(),
                        s.resources(),
                        s.config(),
                        s.healthChecks(),
                        s.autoscaling(),
                        List.of(),
                        s.discovery(),
                        s.kafka(),
                        s.monitoring(),
                        s.traffic(),
                        s.rollout(),
                        // and so declares no use of it any more
                        null));
                return m;
              });
      Set<String> others = new TreeSet<>(callers.get("member"));
      others.remove("order");
      await("member no longer admits order, only its other callers")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(admitted(cluster, namespace, "member"))
                      .isEqualTo(principals(namespace, others)));
    }
  }

  private static Set<String> principals(String namespace, Set<String> services) {
    Set<String> out = new TreeSet<>();
    services.forEach(s -> out.add("cluster.local/ns/" + namespace + "/sa/" + s));
    return out;
  }

  /**
   * Principals admitted by the service's policy (the Prometheus rule is by namespace, not
   * principal).
   */
  private static Set<String> admitted(LocalCluster cluster, String namespace, String service) {
    AuthorizationPolicy policy =
        cluster
            .admin()
            .resources(AuthorizationPolicy.class)
            .inNamespace(namespace)
            .withName(service)
            .get();
    assertThat(policy).as("policy of " + service).isNotNull();
    Set<String> out = new TreeSet<>();
    List<Rule> rules =
        policy.getSpec().getRules() == null ? List.of() : policy.getSpec().getRules();
    rules.forEach(
        rule ->
            rule.getFrom()
                .forEach(
                    from -> {
                      if (from.getSource().getPrincipals() != null) {
                        out.addAll(from.getSource().getPrincipals());
                      }
                    }));
    return out;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
