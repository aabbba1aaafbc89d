package dev.gantry.runtime.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The first step of every consumer: read the payload as the contract's event, reject what can never
 * be applied as poison (unreadable, or invalid with the fields named), and let each event through
 * once per consumer. Runs inside the transaction that applies the event, so the inbox row commits
 * or rolls back with the change.
 */
@Singleton
public class EventIntake {
  private final JsonMapper json;
  private final Validator validator;
  private final Inbox inbox;
  private final MeterRegistry meters;

  EventIntake(JsonMapper json, Validator validator, Inbox inbox, MeterRegistry meters) {
    this.json = json;
    this.validator = validator;
    this.inbox = inbox;
    this.meters = meters;
  }

  /** The event's content, or empty when this consumer has applied the event before. */
  @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
  public <T> Optional<T> firstDelivery(String consumer, IncomingEvent event, Class<T> type) {
    T content = read(event, type);
    if (!inbox.firstDelivery(consumer, event.id())) {
      meters
          .counter("gantry.events.duplicates", "topic", event.topic(), "consumer", consumer)
          .increment();
      return Optional.empty();
    }
    return Optional.of(content);
  }

  private <T> T read(IncomingEvent event, Class<T> type) {
    T content;
    try {
      content = json.readValue(event.payload(), type);
    } catch (IOException | RuntimeException e) {
      throw new PoisonMessageException(
          "unreadable " + event.topic() + " payload: " + e.getMessage(), e);
    }
    if (content == null) {
      throw new PoisonMessageException("empty " + event.topic() + " payload");
    }
    String invalid =
        validator.validate(content).stream()
            .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
            .map(EventIntake::describe)
            .collect(Collectors.joining("; "));
    if (!invalid.isEmpty()) {
      throw new PoisonMessageException(
          "invalid " + event.topic() + " payload (" + invalid + "): " + event.payload());
    }
    return content;
  }

  private static String describe(ConstraintViolation<?> violation) {
    return violation.getPropertyPath() + " " + violation.getMessage();
  }
}
