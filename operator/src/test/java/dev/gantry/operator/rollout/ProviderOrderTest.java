package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderOrderTest {

  @Test
  void providersComeBeforeTheirConsumers() {
    assertThat(
            ProviderOrder.layers(
                Set.of("barista", "order", "member", "notification"),
                Map.of(
                    "barista", List.of("order"),
                    "order", List.of("member"),
                    "notification", List.of("member"))))
        .containsExactly(List.of("member"), List.of("notification", "order"), List.of("barista"));
  }

  @Test
  void dependenciesOutsideTheReleaseDoNotCount() {
    assertThat(
            ProviderOrder.layers(
                Set.of("barista", "member"), Map.of("barista", List.of("order", "payments"))))
        .containsExactly(List.of("barista", "member"));
  }

  @Test
  void aCycleIsBrokenWhereItClosesSoEveryoneGetsAPlace() {
    assertThat(
            ProviderOrder.layers(
                Set.of("a", "b", "c"),
                Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a"))))
        .flatExtracting(l -> l)
        .containsExactlyInAnyOrder("a", "b", "c");
  }
}
