package dev.gantry.coffee.order.events;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Published when an order is accepted; the barista's cue. Keyed by order id. */
@Serdeable
public record OrderPlaced(String orderId, String memberId, String item, int quantity, Instant placedAt) {
    public static final String TYPE = "dev.gantry.coffee.OrderPlaced";
}
