package dev.gantry.runtime.messaging;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** Proof that a consumer applied an event; the id is {@code <consumer>:<event id>}. */
@MappedEntity("processed_events")
public record ProcessedEvent(@Id String id, Instant processedAt) {}
