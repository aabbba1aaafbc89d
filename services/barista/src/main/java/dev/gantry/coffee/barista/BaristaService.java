package dev.gantry.coffee.barista;

import dev.gantry.coffee.barista.persistence.Brew;
import dev.gantry.coffee.barista.persistence.BrewRepository;
import dev.gantry.coffee.barista.persistence.StockLevel;
import dev.gantry.coffee.barista.persistence.StockRepository;
import dev.gantry.coffee.contract.OrderPlaced;
import dev.gantry.coffee.contract.OrderStatusChanged;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.runtime.messaging.EventHeaders;
import dev.gantry.runtime.messaging.EventIntake;
import dev.gantry.runtime.messaging.IncomingEvent;
import dev.gantry.runtime.messaging.Outbox;
import dev.gantry.runtime.telemetry.KafkaTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each placed order once: brews it (stock down, BREWING now, READY after the brew time) or
 * rejects it (REJECTED, stock untouched). Stock, brew and events change in one transaction.
 */
@Singleton
public class BaristaService {
  private static final Logger LOG = LoggerFactory.getLogger(BaristaService.class);

  private final StockRepository stock;
  private final BrewRepository brews;
  private final Outbox outbox;
  private final EventIntake intake;
  private final MeterRegistry meters;
  private final Duration brewTime;
  private final KafkaTracing tracing;

  BaristaService(
      StockRepository stock,
      BrewRepository brews,
      Outbox outbox,
      EventIntake intake,
      MeterRegistry meters,
      @Value("${barista.brew-time:3s}") Duration brewTime,
      KafkaTracing tracing) {
    this.stock = stock;
    this.brews = brews;
    this.outbox = outbox;
    this.intake = intake;
    this.meters = meters;
    this.brewTime = brewTime;
    this.tracing = tracing;
  }

  @Transactional
  public void take(IncomingEvent event) {
    intake.firstDelivery("barista", event, OrderPlaced.class).ifPresent(this::brewOrReject);
  }

  private void brewOrReject(OrderPlaced order) {
    Set<String> ingredients = Menu.recipe(order.item()).map(Map::keySet).orElse(Set.of());
    Map<String, Integer> levels =
        ingredients.isEmpty()
            ? Map.of()
            : stock.lock(ingredients).stream()
                .collect(Collectors.toMap(StockLevel::ingredient, StockLevel::quantity));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    BrewDecision decision = BrewDecision.decide(order.item(), order.quantity(), levels);
    if (decision instanceof BrewDecision.Brew brew) {
      brew.consumption()
          .forEach(
              (ingredient, units) ->
                  stock.update(new StockLevel(ingredient, levels.get(ingredient) - units)));
      Brew cup =
          brews.save(
              new Brew(
                  order.orderId(),
                  order.memberId(),
                  order.item(),
                  order.quantity(),
                  brewTime.isZero(), // nothing to wait for: served in this transaction
                  now.plus(brewTime),
                  tracing.currentContext().get(EventHeaders.TRACEPARENT)));
      publish(order, OrderStatusChanged.Status.BREWING, null, now);
      meters.counter("coffee.brews.started", "item", order.item()).increment();
      if (brewTime.isZero()) {
        announceReady(cup, now);
      }
    } else if (decision instanceof BrewDecision.Reject reject) {
      publish(order, OrderStatusChanged.Status.REJECTED, reject.reason(), now);
      meters.counter("coffee.brews.rejected", "reason", reject.reason()).increment();
      LOG.info("order {} rejected: {}", order.orderId(), reject.reason());
    }
  }

  /** Serves every brew whose time has come; returns how many. */
  @Transactional
  public int serveDueBrews() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<Brew> due = brews.due(now, 200);
    due.forEach(brew -> finish(brew, now));
    return due.size();
  }

  private void finish(Brew brew, Instant now) {
    brews.update(brew.done());
    announceReady(brew, now);
  }

  private void announceReady(Brew brew, Instant now) {
    // READY belongs to the order's trace even when the timer, not the consumer, serves it
    try (Scope ignored =
        io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()
            ? Scope.noop()
            : tracing.contextOf(brew.traceparent()).makeCurrent()) {
      outbox.append(
          Topics.ORDER_STATUS,
          brew.orderId(),
          OrderStatusChanged.TYPE,
          new OrderStatusChanged(
              brew.orderId(),
              brew.memberId(),
              brew.item(),
              OrderStatusChanged.Status.READY,
              null,
              now));
    }
    meters.counter("coffee.brews.served", "item", brew.item()).increment();
  }

  private void publish(
      OrderPlaced order, OrderStatusChanged.Status status, String reason, Instant at) {
    outbox.append(
        Topics.ORDER_STATUS,
        order.orderId(),
        OrderStatusChanged.TYPE,
        new OrderStatusChanged(
            order.orderId(), order.memberId(), order.item(), status, reason, at));
  }
}
