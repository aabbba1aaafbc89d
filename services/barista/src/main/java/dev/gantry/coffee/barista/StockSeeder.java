package dev.gantry.coffee.barista;

import dev.gantry.coffee.barista.persistence.StockLevel;
import dev.gantry.coffee.barista.persistence.StockRepository;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Gives every ingredient its starting stock ({@code barista.initial-stock.<ingredient>}, default
 * 1000) if it has none yet.
 */
@Singleton
class StockSeeder {
  private final StockRepository stock;
  private final Environment environment;

  StockSeeder(StockRepository stock, Environment environment) {
    this.stock = stock;
    this.environment = environment;
  }

  @EventListener
  @Transactional
  void onStartup(StartupEvent event) {
    for (String ingredient : Menu.ingredients()) {
      if (!stock.existsById(ingredient)) {
        int initial =
            environment.getProperty("barista.initial-stock." + ingredient, Integer.class, 1000);
        stock.save(new StockLevel(ingredient, initial));
      }
    }
  }
}
