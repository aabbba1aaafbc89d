package dev.gantry.coffee.barista;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrewDecisionTest {
  private static final Map<String, Integer> PLENTY =
      Map.of(Menu.BEANS, 10, Menu.MILK, 10, Menu.CHOCOLATE, 10);

  @Test
  void brewsTakingTheRecipeTimesTheQuantity() {
    assertThat(BrewDecision.decide("flat-white", 3, PLENTY))
        .isEqualTo(new BrewDecision.Brew(Map.of(Menu.BEANS, 6, Menu.MILK, 3)));
  }

  @Test
  void rejectsWhenAnyIngredientRunsShort() {
    assertThat(
            BrewDecision.decide(
                "mocha", 2, Map.of(Menu.BEANS, 10, Menu.MILK, 10, Menu.CHOCOLATE, 1)))
        .isEqualTo(new BrewDecision.Reject("out of chocolate"));
  }

  @Test
  void rejectsWhatIsNotOnTheMenu() {
    assertThat(BrewDecision.decide("tea", 1, PLENTY))
        .isEqualTo(new BrewDecision.Reject("not on the menu: tea"));
  }

  @Test
  void exactStockIsEnough() {
    assertThat(BrewDecision.decide("espresso", 2, Map.of(Menu.BEANS, 2)))
        .isInstanceOf(BrewDecision.Brew.class);
  }
}
