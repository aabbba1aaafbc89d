package dev.gantry.runtime.messaging;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Idempotent consumption: call {@link #firstDelivery} inside the transaction that applies the
 * event. A redelivered event (same id) answers false and the caller changes nothing; the row
 * commits or rolls back with the change itself.
 */
@Singleton
public class Inbox {
  private final ProcessedEventRepository processed;

  Inbox(ProcessedEventRepository processed) {
    this.processed = processed;
  }

  @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
  public boolean firstDelivery(String consumer, String eventId) {
    return processed.record(consumer + ":" + eventId, Instant.now()) == 1;
  }
}
