package dev.gantry.operator.analysis;

import static dev.gantry.operator.Fixtures.microservice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.ClusterMetricTemplateSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which queries a check sends: built-ins and templates as written, a team's own confined to its
 * namespace.
 */
class CheckPlanTest {

  private static final Queries.Target CANARY = new Queries.Target("shop", "order", "bbb", "30s");
  private static final Queries.Target STABLE = new Queries.Target("shop", "order", "aaa", "30s");

  private static Analysis analysis(String metrics) {
    return microservice(
            "order",
            """
        image: a
        rollout:
          strategy: Canary
          canary:
            steps: [{setWeight: 10}]
            analysis:
              prometheus: team
              metrics:
        """
                + metrics.indent(8))
        .getSpec()
        .rollout()
        .canary()
        .analysis();
  }

  @Test
  void aTeamsQueryReadsOnlyItsNamespaceEvenWhenItNamesAnother() {
    CheckPlan plan =
        CheckPlan.of(
            analysis(
                """
        - name: queue-depth
          query: max(queue_depth{revision="{{revision}}"}) or max(queue_depth{app="payments"})
          thresholdRange: {max: 100}
          relativeToStable: {maxIncreasePercent: 10}
        """),
            Analysis.MetricsSource.Istio,
            CANARY,
            STABLE,
            Map.of(),
            "namespace");
    CheckPlan.MetricQueries queries = plan.metrics().get(0);
    assertThat(queries.error()).isNull();
    assertThat(queries.endpoint()).isEqualTo("team");
    assertThat(queries.canary()).contains("revision=\"bbb\"").doesNotContain("{{");
    assertThat(queries.canary().split("namespace=\"shop\"", -1))
        .as("both selectors confined")
        .hasSize(3);
    assertThat(queries.stable()).contains("revision=\"aaa\"").contains("namespace=\"shop\"");
    assertThat(
            CheckPlan.cost(
                analysis(
                    """
        - name: queue-depth
          query: max(queue_depth)
          thresholdRange: {max: 100}
          relativeToStable: {maxIncreasePercent: 10}
        - name: request-success-rate
          thresholdRange: {min: 99}
        """)))
        .as("requests, canary and stable, canary")
        .isEqualTo(4);
  }

  @Test
  void aQueryThatReadsAnotherNamespaceIsNotSent() {
    CheckPlan plan =
        CheckPlan.of(
            analysis(
                """
        - name: theirs
          query: sum(rate(http_requests_total{namespace="payments"}[1m]))
          thresholdRange: {max: 1}
        """),
            Analysis.MetricsSource.Istio,
            CANARY,
            STABLE,
            Map.of(),
            "namespace");
    assertThat(plan.metrics().get(0).canary()).isNull();
    assertThat(plan.metrics().get(0).error())
        .startsWith("the query cannot be confined to namespace shop: ");
  }

  @Test
  void templatesRunAsThePlatformWroteThemOnTheirOwnPrometheus() {
    var template =
        new ClusterMetricTemplateSpec(
            "sum(kafka_consumergroup_lag{namespace=\"{{namespace}}\",consumergroup=\"{{name}}\"})",
            "kafka",
            null);
    CheckPlan plan =
        CheckPlan.of(
            analysis(
                """
        - name: lag
          templateRef: {name: kafka-lag}
          thresholdRange: {max: 100}
        - name: missing
          templateRef: {name: nobody-wrote-this}
          thresholdRange: {max: 100}
        """),
            Analysis.MetricsSource.Istio,
            CANARY,
            STABLE,
            Map.of("kafka-lag", template),
            "namespace");
    assertThat(plan.metrics().get(0).canary())
        .isEqualTo("sum(kafka_consumergroup_lag{namespace=\"shop\",consumergroup=\"order\"})");
    assertThat(plan.metrics().get(0).endpoint()).isEqualTo("kafka");
    assertThat(plan.metrics().get(0).stable()).isNull();
    assertThat(plan.metrics().get(1).error())
        .isEqualTo("there is no ClusterMetricTemplate nobody-wrote-this");
  }

  @Test
  void builtInsAreTheOperatorsOwnQueries() {
    CheckPlan plan =
        CheckPlan.of(
            analysis(
                """
        - name: request-success-rate
          thresholdRange: {min: 99}
        """),
            Analysis.MetricsSource.Istio,
            CANARY,
            STABLE,
            Map.of(),
            "namespace");
    assertThat(plan.metrics().get(0).canary()).contains("destination_workload=\"order-bbb\"");
    assertThat(plan.requests()).contains("destination_workload=\"order-bbb\"");
  }
}
