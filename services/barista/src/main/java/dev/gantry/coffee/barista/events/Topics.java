package dev.gantry.coffee.barista.events;

public final class Topics {
    public static final String ORDER_PLACED = "order-placed";
    public static final String ORDER_STATUS = "order-status";

    private Topics() {
    }
}
