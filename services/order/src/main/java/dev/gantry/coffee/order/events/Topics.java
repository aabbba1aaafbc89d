package dev.gantry.coffee.order.events;

/** Kafka topics of the order saga. */
public final class Topics {
    public static final String ORDER_PLACED = "order-placed";
    public static final String ORDER_STATUS = "order-status";

    private Topics() {
    }
}
