package dev.gantry.coffee.barista;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What the barista can make, and the ingredient units one cup takes. */
public final class Menu {
  public static final String BEANS = "coffee-beans";
  public static final String MILK = "milk";
  public static final String CHOCOLATE = "chocolate";

  private static final Map<String, Map<String, Integer>> RECIPES =
      Map.of(
          "espresso", Map.of(BEANS, 1),
          "americano", Map.of(BEANS, 1),
          "latte", Map.of(BEANS, 1, MILK, 1),
          "cappuccino", Map.of(BEANS, 1, MILK, 1),
          "flat-white", Map.of(BEANS, 2, MILK, 1),
          "mocha", Map.of(BEANS, 1, MILK, 1, CHOCOLATE, 1));

  private Menu() {}

  public static Optional<Map<String, Integer>> recipe(String item) {
    return Optional.ofNullable(RECIPES.get(item));
  }

  public static Set<String> ingredients() {
    Set<String> all = new TreeSet<>();
    RECIPES.values().forEach(recipe -> all.addAll(recipe.keySet()));
    return all;
  }

  public static Set<String> items() {
    return new TreeSet<>(RECIPES.keySet());
  }
}
