package dev.gantry.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.operator.Fixtures;
import dev.gantry.operator.api.Analysis.MetricsSource;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.render.Dashboards;
import dev.gantry.operator.render.PrometheusRules;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SLO rules Gantry generates are accepted by Prometheus itself (promtool, from the same Debian
 * package) and by the Prometheus-Operator CRD schema; the dashboard is valid JSON for Grafana's
 * sidecar.
 */
class MonitoringIT {

  private static final String SLO_SPEC =
      """
      image: shop/order:1
      monitoring:
        path: /prometheus
        slo: {availabilityPercent: 99.9, latencyP99Milliseconds: 300}
      """;

  @ParameterizedTest
  @EnumSource(MetricsSource.class)
  void promtoolAcceptsTheRules(MetricsSource source) throws Exception {
    PrometheusRule rule = PrometheusRules.desired(Fixtures.microservice("order", SLO_SPEC), source);
    Path file = Files.createTempFile("gantry-rules", ".yaml");
    Files.writeString(file, Serialization.asYaml(Map.of("groups", rule.getSpec().getGroups())));
    Process promtool =
        new ProcessBuilder("promtool", "check", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(promtool.getInputStream().readAllBytes());
    assertThat(promtool.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS: 10 rules found");
  }

  @Test
  void ruleAndDashboardAreCreatedAndAccepted() throws Exception {
    LocalCluster cluster = LocalCluster.shared();
    Microservices services = new Microservices(cluster, cluster.createNamespace("monitoring"));
    try (RunningOperator operator = RunningOperator.start(cluster, services.namespace())) {
      services.create("order", SLO_SPEC);
      services.await("order", "healthy", s -> s.phase() == Phase.Healthy);
      PrometheusRule rule =
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      cluster
                          .admin()
                          .resources(PrometheusRule.class)
                          .inNamespace(services.namespace())
                          .withName("order")
                          .get(),
                  r -> r != null);
      assertThat(rule.getSpec().getGroups().get(0).getRules())
          .extracting(r -> r.getAlert())
          .contains("GantryErrorBudgetBurn", "GantryLatencyHigh");
      ConfigMap dashboard =
          cluster
              .admin()
              .configMaps()
              .inNamespace(services.namespace())
              .withName("order-dashboard")
              .get();
      assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
      JsonNode json =
          new ObjectMapper()
              .readTree(
                  dashboard.getData().get(Dashboards.fileName(services.namespace(), "order")));
      assertThat(json.path("panels")).hasSize(3);
      assertThat(json.path("panels").get(1).path("targets").get(0).path("expr").asText())
          .contains("destination_version");

      // Without objectives there is no rule; without monitoring no dashboard either.
      services.edit("order", "image: shop/order:1\nmonitoring: {enabled: false}");
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(
                        cluster
                            .admin()
                            .resources(PrometheusRule.class)
                            .inNamespace(services.namespace())
                            .withName("order")
                            .get())
                    .isNull();
                assertThat(
                        cluster
                            .admin()
                            .configMaps()
                            .inNamespace(services.namespace())
                            .withName("order-dashboard")
                            .get())
                    .isNull();
              });
    }
  }
}
