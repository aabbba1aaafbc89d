package dev.gantry.coffee.order.persistence;

import dev.gantry.coffee.order.OrderStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One applied transition; the history shows any state applied twice. */
@MappedEntity("order_status_history")
public record StatusChange(
    @Id @GeneratedValue @Nullable Long id,
    String orderId,
    OrderStatus status,
    @Nullable String eventId,
    Instant at) {}
