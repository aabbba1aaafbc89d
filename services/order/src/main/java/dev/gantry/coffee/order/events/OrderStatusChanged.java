package dev.gantry.coffee.order.events;

import dev.gantry.coffee.order.OrderLifecycle;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** The barista's word on an order (BREWING, READY, REJECTED with a reason). */
@Serdeable
public record OrderStatusChanged(
        @NotBlank String orderId,
        @Nullable String memberId,
        @Nullable String item,
        @NotNull OrderLifecycle.BaristaStatus status,
        @Nullable String reason,
        @Nullable Instant at) {
}
