package dev.gantry.coffee.order;

import dev.gantry.coffee.contract.OrderStatusChanged;
import java.util.Optional;

/**
 * The order state machine, driven by the barista's status events. Pure. A status that does not move
 * the order forward (a duplicate, a late BREWING after READY, anything after a final state) changes
 * nothing. REJECTED is the saga's compensation: the order is cancelled.
 */
public final class OrderLifecycle {
  private OrderLifecycle() {}

  public static Optional<OrderStatus> next(OrderStatus current, OrderStatusChanged.Status event) {
    if (current.isFinal()) {
      return Optional.empty();
    }
    return switch (event) {
      case BREWING ->
          current == OrderStatus.PLACED ? Optional.of(OrderStatus.BREWING) : Optional.empty();
      case READY -> Optional.of(OrderStatus.READY);
      case REJECTED -> Optional.of(OrderStatus.CANCELLED);
    };
  }
}
