package dev.gantry.coffee.contract;

import java.util.List;

/** The Kafka topics of the order saga. */
public final class Topics {
  /** {@link OrderPlaced}, published by order, read by barista. */
  public static final String ORDER_PLACED = "order-placed";

  /** {@link OrderStatusChanged}, published by barista, read by order and notification. */
  public static final String ORDER_STATUS = "order-status";

  public static final List<String> ALL = List.of(ORDER_PLACED, ORDER_STATUS);

  private Topics() {}
}
