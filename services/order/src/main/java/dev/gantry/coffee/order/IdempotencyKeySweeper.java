package dev.gantry.coffee.order;

import dev.gantry.coffee.order.persistence.IdempotencyKeyRepository;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets idempotency keys older than {@code order.idempotency.retention} (24 h): a client retries
 * within seconds or minutes, and the table must not grow with every order ever placed. Safe on
 * every replica at once (a delete by age).
 */
@Singleton
public class IdempotencyKeySweeper {
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeySweeper.class);

  private final IdempotencyKeyRepository keys;
  private final Duration retention;

  IdempotencyKeySweeper(
      IdempotencyKeyRepository keys,
      @Value("${order.idempotency.retention:24h}") Duration retention) {
    this.keys = keys;
    this.retention = retention;
  }

  /** Deletes the keys past retention; returns how many. */
  @Scheduled(fixedDelay = "${order.idempotency.sweep-interval:10m}", initialDelay = "1m")
  public int sweep() {
    int forgotten = keys.deleteOlderThan(Instant.now().minus(retention));
    if (forgotten > 0) {
      LOG.info("forgot {} idempotency keys older than {}", forgotten, retention);
    }
    return forgotten;
  }
}
