package dev.gantry.coffee.barista.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.Instant;

/** order's event, as the barista reads it (its own copy of the contract). */
@Serdeable
public record OrderPlaced(
        @NotBlank String orderId,
        @NotBlank String memberId,
        @NotBlank String item,
        @Min(1) int quantity,
        @Nullable Instant placedAt) {
}
