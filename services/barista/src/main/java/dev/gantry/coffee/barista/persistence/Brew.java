package dev.gantry.coffee.barista.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A cup in the making; READY once {@code readyAt} has passed. Keeps the order's trace for that
 * moment.
 */
@MappedEntity("brews")
public record Brew(
    @Id String orderId,
    String memberId,
    String item,
    int quantity,
    boolean ready,
    Instant readyAt,
    @Nullable String traceparent) {

  public Brew done() {
    return new Brew(orderId, memberId, item, quantity, true, readyAt, traceparent);
  }
}
