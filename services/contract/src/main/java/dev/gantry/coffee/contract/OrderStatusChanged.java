package dev.gantry.coffee.contract;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** The barista's word on an order: BREWING, READY, or REJECTED with a reason. Keyed by order id. */
@Serdeable
public record OrderStatusChanged(
    @NotBlank String orderId,
    @NotBlank String memberId,
    @Nullable String item,
    @NotNull Status status,
    @Nullable String reason,
    @Nullable Instant at) {
  public static final String TYPE = "dev.gantry.coffee.OrderStatusChanged";

  @Serdeable
  public enum Status {
    BREWING,
    READY,
    REJECTED
  }
}
