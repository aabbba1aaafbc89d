package dev.gantry.coffee.order.persistence;

import dev.gantry.coffee.order.OrderStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

@MappedEntity("orders")
public record CoffeeOrder(
    @Id String id,
    String memberId,
    String item,
    int quantity,
    OrderStatus status,
    @Nullable String reason,
    Instant createdAt,
    Instant updatedAt,
    @Version Long version) {

  public CoffeeOrder moveTo(OrderStatus next, @Nullable String why, Instant at) {
    return new CoffeeOrder(id, memberId, item, quantity, next, why, createdAt, at, version);
  }
}
