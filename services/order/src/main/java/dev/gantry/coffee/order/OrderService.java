package dev.gantry.coffee.order;

import dev.gantry.coffee.contract.OrderPlaced;
import dev.gantry.coffee.contract.OrderStatusChanged;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.coffee.order.persistence.CoffeeOrder;
import dev.gantry.coffee.order.persistence.IdempotencyKey;
import dev.gantry.coffee.order.persistence.IdempotencyKeyRepository;
import dev.gantry.coffee.order.persistence.OrderRepository;
import dev.gantry.coffee.order.persistence.StatusChange;
import dev.gantry.coffee.order.persistence.StatusChangeRepository;
import dev.gantry.runtime.messaging.EventIntake;
import dev.gantry.runtime.messaging.IncomingEvent;
import dev.gantry.runtime.messaging.Outbox;
import dev.gantry.runtime.messaging.PoisonMessageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places orders (order + OrderPlaced in one transaction, at most once per idempotency key) and
 * applies the barista's status events once each.
 */
@Singleton
public class OrderService {
  private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

  private final OrderRepository orders;
  private final StatusChangeRepository history;
  private final IdempotencyKeyRepository keys;
  private final Outbox outbox;
  private final EventIntake intake;
  private final MeterRegistry meters;

  OrderService(
      OrderRepository orders,
      StatusChangeRepository history,
      IdempotencyKeyRepository keys,
      Outbox outbox,
      EventIntake intake,
      MeterRegistry meters) {
    this.orders = orders;
    this.history = history;
    this.keys = keys;
    this.outbox = outbox;
    this.intake = intake;
    this.meters = meters;
  }

  /**
   * An order as placed by this request ({@code replayed} false) or by an earlier one with its key.
   */
  public record Placement(CoffeeOrder order, boolean replayed) {}

  /** A key sent again with a different order than the one it placed. */
  public static final class IdempotencyKeyReused extends RuntimeException {
    IdempotencyKeyReused(String key) {
      super("Idempotency-Key " + key + " was already used for a different order");
    }
  }

  /** The order an earlier request with this key placed, if any. */
  @Transactional
  public Optional<Placement> earlier(
      String memberId, String item, int quantity, @Nullable String idempotencyKey) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    return keys.find(memberId, idempotencyKey)
        .map(key -> replay(key, requestHash(memberId, item, quantity)));
  }

  /**
   * Places the order, unless its idempotency key already placed one: then that order (the key is
   * claimed first, so two requests racing with one key place one order).
   */
  @Transactional
  public Placement place(
      String memberId, String item, int quantity, @Nullable String idempotencyKey) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String orderId = UUID.randomUUID().toString();
    if (idempotencyKey != null) {
      String hash = requestHash(memberId, item, quantity);
      if (keys.claim(memberId, idempotencyKey, hash, orderId, now) == 0) {
        return replay(keys.find(memberId, idempotencyKey).orElseThrow(), hash);
      }
    }
    CoffeeOrder order =
        orders.save(
            new CoffeeOrder(
                orderId, memberId, item, quantity, OrderStatus.PLACED, null, now, now, null));
    history.save(new StatusChange(null, order.id(), OrderStatus.PLACED, null, now));
    outbox.append(
        Topics.ORDER_PLACED,
        order.id(),
        OrderPlaced.TYPE,
        new OrderPlaced(order.id(), memberId, item, quantity, now));
    meters.counter("coffee.orders.placed", "item", item).increment();
    LOG.info("order {} placed by {}: {} x {}", order.id(), memberId, quantity, item);
    return new Placement(order, false);
  }

  private Placement replay(IdempotencyKey key, String requestHash) {
    if (!key.requestHash().equals(requestHash)) {
      throw new IdempotencyKeyReused(key.key());
    }
    return new Placement(orders.findById(key.orderId()).orElseThrow(), true);
  }

  private static String requestHash(String memberId, String item, int quantity) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((memberId + "\n" + item + "\n" + quantity).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
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
