package dev.gantry.coffee.notification.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The barista's status event, as notification reads it. */
@Serdeable
public record OrderStatusChanged(@Nullable String orderId, @Nullable String memberId, @Nullable String item, @Nullable String status,
                                 @Nullable String reason, @Nullable Instant at) {
}
