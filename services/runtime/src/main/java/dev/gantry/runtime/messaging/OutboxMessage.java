package dev.gantry.runtime.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An event written in the same transaction as the state change it announces, waiting to be relayed.
 */
@MappedEntity("outbox")
public record OutboxMessage(
    @Id @GeneratedValue @Nullable Long id,
    String eventId,
    String topic,
    String messageKey,
    String eventType,
    String payload,
    @Nullable String traceparent,
    @Nullable String tracestate,
    Instant createdAt) {}
