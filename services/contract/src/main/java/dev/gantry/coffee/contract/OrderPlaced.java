package dev.gantry.coffee.contract;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

/** Published by order when it accepts an order; the barista's cue. Keyed by order id. */
@Serdeable
public record OrderPlaced(
    @NotBlank String orderId,
    @NotBlank String memberId,
    @NotBlank String item,
    @Min(1) int quantity,
    @Nullable Instant placedAt) {
  public static final String TYPE = "dev.gantry.coffee.OrderPlaced";
}
