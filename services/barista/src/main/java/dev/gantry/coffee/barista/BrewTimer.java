package dev.gantry.coffee.barista;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves brews as their time comes. Brews live in the database, so a restart loses none. */
@Singleton
class BrewTimer {
  private static final Logger LOG = LoggerFactory.getLogger(BrewTimer.class);
  private final BaristaService barista;

  BrewTimer(BaristaService barista) {
    this.barista = barista;
  }

  @Scheduled(fixedDelay = "${barista.brew-poll:100ms}", initialDelay = "1s")
  void serve() {
    try {
      while (barista.serveDueBrews() == 200) {
        // a full page: more are due
      }
    } catch (RuntimeException e) {
      LOG.warn("serving brews failed: {}", e.toString());
    }
  }
}
