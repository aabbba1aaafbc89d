package dev.gantry.coffee.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coffee.contract.OrderStatusChanged.Status;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderLifecycleTest {

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "PLACED,    BREWING,  BREWING",
    "PLACED,    READY,    READY",
    "PLACED,    REJECTED, CANCELLED",
    "BREWING,   READY,    READY",
    "BREWING,   REJECTED, CANCELLED",
    "BREWING,   BREWING,  -",
    "READY,     BREWING,  -",
    "READY,     READY,    -",
    "READY,     REJECTED, -",
    "CANCELLED, READY,    -",
    "CANCELLED, BREWING,  -",
  })
  void movesForwardOnlyAndNeverLeavesAFinalState(
      OrderStatus current, Status event, String expected) {
    Optional<OrderStatus> next = OrderLifecycle.next(current, event);
    if ("-".equals(expected)) {
      assertThat(next).isEmpty();
    } else {
      assertThat(next).contains(OrderStatus.valueOf(expected));
    }
  }
}
