package dev.gantry.coffee.barista.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** What the barista says about an order: BREWING, READY, or REJECTED with a reason. Keyed by order id. */
@Serdeable
public record OrderStatusChanged(String orderId, String memberId, String item, String status, @Nullable String reason, Instant at) {
    public static final String TYPE = "dev.gantry.coffee.OrderStatusChanged";
    public static final String BREWING = "BREWING";
    public static final String READY = "READY";
    public static final String REJECTED = "REJECTED";
}
