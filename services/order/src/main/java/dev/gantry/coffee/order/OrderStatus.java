package dev.gantry.coffee.order;

/** Where an order is. READY and CANCELLED are final. */
public enum OrderStatus {
  PLACED,
  BREWING,
  READY,
  CANCELLED;

  public boolean isFinal() {
    return this == READY || this == CANCELLED;
  }
}
