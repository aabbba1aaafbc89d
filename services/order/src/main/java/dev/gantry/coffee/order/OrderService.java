package dev.gantry.coffee.order;

import dev.gantry.coffee.contract.OrderPlaced;
import dev.gantry.coffee.contract.OrderStatusChanged;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.coffee.order.persistence.CoffeeOrder;
import dev.gantry.coffee.order.persistence.OrderRepository;
import dev.gantry.coffee.order.persistence.StatusChange;
import dev.gantry.coffee.order.persistence.StatusChangeRepository;
import dev.gantry.runtime.messaging.EventIntake;
import dev.gantry.runtime.messaging.IncomingEvent;
import dev.gantry.runtime.messaging.Outbox;
import dev.gantry.runtime.messaging.PoisonMessageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places orders (order + OrderPlaced in one transaction) and applies the barista's status events
 * once each.
 */
@Singleton
public class OrderService {
  private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

  private final OrderRepository orders;
  private final StatusChangeRepository history;
  private final Outbox outbox;
  private final EventIntake intake;
  private final MeterRegistry meters;

  OrderService(
      OrderRepository orders,
      StatusChangeRepository history,
      Outbox outbox,
      EventIntake intake,
      MeterRegistry meters) {
    this.orders = orders;
    this.history = history;
    this.outbox = outbox;
    this.intake = intake;
    this.meters = meters;
  }

  @Transactional
  public CoffeeOrder place(String memberId, String item, int quantity) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    CoffeeOrder order =
        orders.save(
            new CoffeeOrder(
                UUID.randomUUID().toString(),
                memberId,
                item,
                quantity,
                OrderStatus.PLACED,
                null,
                now,
                now,
                null));
    history.save(new StatusChange(null, order.id(), OrderStatus.PLACED, null, now));
    outbox.append(
        Topics.ORDER_PLACED,
        order.id(),
        OrderPlaced.TYPE,
        new OrderPlaced(order.id(), memberId, item, quantity, now));
    meters.counter("coffee.orders.placed", "item", item).increment();
    LOG.info("order {} placed by {}: {} x {}", order.id(), memberId, quantity, item);
    return order;
  }

  /** Applies one status event exactly once; a redelivery or a stale status changes nothing. */
  @Transactional
  public void applyStatus(IncomingEvent event) {
    intake
        .firstDelivery("order", event, OrderStatusChanged.class)
        .ifPresent(change -> apply(change, event.id()));
  }

  private void apply(OrderStatusChanged change, String eventId) {
    CoffeeOrder order =
        orders
            .findById(change.orderId())
            .orElseThrow(() -> new PoisonMessageException("no order " + change.orderId()));
    OrderLifecycle.next(order.status(), change.status())
        .ifPresentOrElse(
            next -> {
              Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
              String reason = next == OrderStatus.CANCELLED ? change.reason() : null;
              orders.update(order.moveTo(next, reason, now));
              history.save(new StatusChange(null, order.id(), next, eventId, now));
              meters.counter("coffee.orders.transitions", "status", next.name()).increment();
              if (next == OrderStatus.CANCELLED) {
                LOG.info("order {} cancelled: {}", order.id(), reason);
              }
            },
            () ->
                LOG.debug("order {} stays {} on {}", order.id(), order.status(), change.status()));
  }
}
