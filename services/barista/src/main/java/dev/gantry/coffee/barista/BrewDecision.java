package dev.gantry.coffee.barista;

import java.util.Map;
import java.util.TreeMap;

/** Whether an order can be brewed from the stock at hand. Pure. */
public sealed interface BrewDecision {

  /** Brew it, taking these units from stock. */
  record Brew(Map<String, Integer> consumption) implements BrewDecision {}

  /** Cannot be made: the saga compensates by cancelling the order. */
  record Reject(String reason) implements BrewDecision {}

  static BrewDecision decide(String item, int quantity, Map<String, Integer> stock) {
    if (quantity < 1) {
      return new Reject("quantity must be at least 1");
    }
    var recipe = Menu.recipe(item);
    if (recipe.isEmpty()) {
      return new Reject("not on the menu: " + item);
    }
    Map<String, Integer> consumption = new TreeMap<>();
    for (var ingredient : new TreeMap<>(recipe.get()).entrySet()) {
      int needed = ingredient.getValue() * quantity;
      if (stock.getOrDefault(ingredient.getKey(), 0) < needed) {
        return new Reject("out of " + ingredient.getKey());
      }
      consumption.put(ingredient.getKey(), needed);
    }
    return new Brew(consumption);
  }
}
