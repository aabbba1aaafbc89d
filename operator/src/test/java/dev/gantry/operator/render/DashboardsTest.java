package dev.gantry.operator.render;

import static dev.gantry.operator.Fixtures.microservice;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.operator.api.Analysis.MetricsSource;
import org.junit.jupiter.api.Test;

/** One Grafana serves every namespace: nothing of one team's dashboard may overwrite another's. */
class DashboardsTest {

  @Test
  void namesThatLookAlikeAfterJoiningOrTruncatingGetDifferentUids() throws Exception {
    String a = uid("shop-eu", "order");
    String b = uid("shop", "eu-order");
    String longA = uid("a-very-long-namespace-name-for-a-team", "order-service-one");
    String longB = uid("a-very-long-namespace-name-for-a-team", "order-service-two");
    assertThat(a).isNotEqualTo(b);
    assertThat(longA).isNotEqualTo(longB);
    assertThat(longA).hasSizeLessThanOrEqualTo(40).startsWith("gantry-");
    assertThat(uid("shop", "order")).as("stable across renders").isEqualTo(uid("shop", "order"));
  }

  @Test
  void theFileGrafanasSidecarWritesCarriesTheNamespace() {
    var dashboard =
        Dashboards.desired(microservice("shop", "order", "image: a"), MetricsSource.Istio);
    assertThat(dashboard.getData()).containsOnlyKeys("gantry-shop-order.json");
    assertThat(Dashboards.fileName("shop", "order"))
        .isNotEqualTo(Dashboards.fileName("payments", "order"));
  }

  private static String uid(String namespace, String name) throws Exception {
    String json = Dashboards.json(microservice(namespace, name, "image: a"), MetricsSource.Istio);
    return new ObjectMapper().readTree(json).path("uid").asText();
  }
}
