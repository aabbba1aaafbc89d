package dev.gantry.coffee.order.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** The order a member's {@code Idempotency-Key} created, and a hash of the request it came with. */
@MappedEntity("idempotency_keys")
public record IdempotencyKey(
    String memberId,
    @Id @MappedProperty("idempotency_key") String key,
    String requestHash,
    String orderId,
    Instant createdAt) {}
