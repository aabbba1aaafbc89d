package dev.gantry.coffee.order.api;

import dev.gantry.coffee.order.OrderStatus;
import dev.gantry.coffee.order.persistence.CoffeeOrder;
import dev.gantry.coffee.order.persistence.StatusChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

@Serdeable
public record OrderView(
    String id,
    String memberId,
    String item,
    int quantity,
    OrderStatus status,
    @Nullable String reason,
    Instant createdAt,
    Instant updatedAt,
    List<Step> history) {

  @Serdeable
  public record Step(OrderStatus status, Instant at) {}

  static OrderView of(CoffeeOrder order, List<StatusChange> changes) {
    return new OrderView(
        order.id(),
        order.memberId(),
        order.item(),
        order.quantity(),
        order.status(),
        order.reason(),
        order.createdAt(),
        order.updatedAt(),
        changes.stream().map(c -> new Step(c.status(), c.at())).toList());
  }
}
