package dev.gantry.runtime.messaging;

import dev.gantry.runtime.telemetry.KafkaTracing;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Writes an event to the outbox table in the caller's transaction: the event exists exactly when
 * the state change does, whether or not Kafka is up. The current trace context goes with it.
 */
@Singleton
public class Outbox {
  private final OutboxRepository repository;
  private final JsonMapper json;
  private final KafkaTracing tracing;
  private final ApplicationEventPublisher<OutboxAppended> appended;

  Outbox(
      OutboxRepository repository,
      JsonMapper json,
      KafkaTracing tracing,
      ApplicationEventPublisher<OutboxAppended> appended) {
    this.repository = repository;
    this.json = json;
    this.tracing = tracing;
    this.appended = appended;
  }

  /** Appends an event; returns its id. Must run inside a transaction. */
  @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
  public String append(String topic, String key, String type, Object payload) {
    String eventId = UUID.randomUUID().toString();
    String body;
    try {
      body = new String(json.writeValueAsBytes(payload), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> trace = tracing.currentContext();
    repository.save(
        new OutboxMessage(
            null,
            eventId,
            topic,
            key,
            type,
            body,
            trace.get(EventHeaders.TRACEPARENT),
            trace.get(EventHeaders.TRACESTATE),
            Instant.now()));
    appended.publishEvent(new OutboxAppended(topic));
    return eventId;
  }
}
