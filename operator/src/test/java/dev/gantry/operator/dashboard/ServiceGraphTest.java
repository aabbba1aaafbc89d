package dev.gantry.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceGraphTest {

  private static final ServiceGraph SHOP =
      ServiceGraph.of(
          List.of(
              Fixtures.microservice(
                  "order",
                  "image: o\ndependsOn: [member]\nkafka: {produces: [placed], consumes: [status]}"),
              Fixtures.microservice("member", "image: m"),
              Fixtures.microservice(
                  "barista",
                  "image: b\ndependsOn: [member]\nkafka: {produces: [status], consumes: [placed]}"),
              Fixtures.microservice(
                  "notification",
                  "image: n\ndependsOn: [member, ghost]\nkafka: {consumes: [status]}")));

  @Test
  void callersSitLeftOfWhatTheyCallAndACycleIsCut() {
    Map<String, Integer> x =
        SHOP.nodes().stream()
            .collect(Collectors.toMap(ServiceGraph.Node::name, ServiceGraph.Node::x));
    assertThat(x.get("order")).isLessThan(x.get("barista"));
    assertThat(x.get("barista")).isLessThan(x.get("notification"));
    assertThat(x.get("notification")).isLessThan(x.get("member"));
  }

  @Test
  void drawsEveryCallAndEveryTopicBetweenKnownServicesOnly() {
    assertThat(SHOP.edges())
        .extracting(
            e ->
                e.from()
                    + " -"
                    + e.kind()
                    + (e.label().isEmpty() ? "" : ":" + e.label())
                    + "-> "
                    + e.to())
        .containsExactlyInAnyOrder(
            "order -call-> member",
            "barista -call-> member",
            "notification -call-> member",
            "order -topic:placed-> barista",
            "barista -topic:status-> order",
            "barista -topic:status-> notification");
  }

  @Test
  void everyNodeFitsTheDrawingAndEdgesSkippingAColumnBowBelowTheNodes() {
    assertThat(SHOP.nodes())
        .allSatisfy(
            n -> {
              assertThat(n.x() + n.width()).isLessThanOrEqualTo(SHOP.width());
              assertThat(n.y() + n.height()).isLessThanOrEqualTo(SHOP.height());
            });
    ServiceGraph.Edge adjacent =
        SHOP.edges().stream().filter(e -> e.to().equals("barista")).findFirst().orElseThrow();
    ServiceGraph.Edge long_ =
        SHOP.edges().stream()
            .filter(e -> e.from().equals("order") && e.to().equals("member"))
            .findFirst()
            .orElseThrow();
    assertThat(adjacent.cy()).isEqualTo(Math.max(adjacent.y1(), adjacent.y2()));
    assertThat(long_.cy()).isGreaterThan(long_.y1() + ServiceGraph.NODE_HEIGHT / 2);
  }

  @Test
  void anEmptyNamespaceDrawsNothing() {
    ServiceGraph empty = ServiceGraph.of(List.of());
    assertThat(empty.nodes()).isEmpty();
    assertThat(empty.edges()).isEmpty();
  }
}
