package dev.gantry.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Analysis.MetricsSource;
import dev.gantry.operator.api.AnalysisMetric;
import org.junit.jupiter.api.Test;

class QueriesTest {

  private static final Queries.Target TARGET = new Queries.Target("shop", "order", "abc123", "1m");

  @Test
  void istioSuccessRateIsByDestinationWorkload() {
    String q = Queries.builtIn(metric("request-success-rate", null), MetricsSource.Istio, TARGET);
    assertThat(q)
        .contains(
            "istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"shop\","
                + "destination_workload=\"order-abc123\",response_code!~\"5..\"}[60s]")
        .endsWith("* 100");
  }

  @Test
  void micrometerLatencyIsP99InMillisecondsWithoutHealthAndMetricsEndpoints() {
    String q = Queries.builtIn(metric("request-duration", null), MetricsSource.Micrometer, TARGET);
    assertThat(q)
        .startsWith("histogram_quantile(0.99, sum(rate(http_server_requests_seconds_bucket{")
        .contains("revision=\"abc123\"")
        .contains("uri!~\"/health.*|/prometheus\"")
        .endsWith("* 1000");
  }

  @Test
  void customQueriesAreTemplated() {
    String q =
        Queries.template(
            "max(queue{ns=\"{{namespace}}\",app=\"{{name}}\",rev=\"{{revision}}\"}[{{interval}}])",
            TARGET);
    assertThat(q).isEqualTo("max(queue{ns=\"shop\",app=\"order\",rev=\"abc123\"}[60s])");
  }

  private static AnalysisMetric metric(String name, String query) {
    return new AnalysisMetric(
        name, query, null, new AnalysisMetric.ThresholdRange(1.0, null), null);
  }
}
