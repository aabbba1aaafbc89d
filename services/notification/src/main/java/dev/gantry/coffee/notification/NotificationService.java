package dev.gantry.coffee.notification;

import dev.gantry.coffee.contract.OrderStatusChanged;
import dev.gantry.coffee.notification.persistence.Notification;
import dev.gantry.coffee.notification.persistence.NotificationRepository;
import dev.gantry.runtime.messaging.EventIntake;
import dev.gantry.runtime.messaging.IncomingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Stores each status update once and announces it to the member's open streams, on every replica.
 */
@Singleton
public class NotificationService {
  private final NotificationRepository notifications;
  private final EventIntake intake;
  private final NotificationFeed feed;
  private final MeterRegistry meters;

  NotificationService(
      NotificationRepository notifications,
      EventIntake intake,
      NotificationFeed feed,
      MeterRegistry meters) {
    this.notifications = notifications;
    this.intake = intake;
    this.feed = feed;
    this.meters = meters;
  }

  @Transactional
  public void record(IncomingEvent event) {
    intake
        .firstDelivery("notification", event, OrderStatusChanged.class)
        .ifPresent(change -> store(change, event.id()));
  }

  private void store(OrderStatusChanged change, String eventId) {
    String status = change.status().name();
    Notification stored =
        notifications.save(
            new Notification(
                null,
                eventId,
                change.memberId(),
                change.orderId(),
                change.item(),
                status,
                change.reason(),
                change.at() != null ? change.at() : Instant.now()));
    meters.counter("coffee.notifications.recorded", "status", status).increment();
    feed.announce(NotificationView.of(stored));
  }

  @Transactional(readOnly = true)
  public List<NotificationView> after(String memberId, long after, int limit) {
    return notifications.after(memberId, after, limit).stream().map(NotificationView::of).toList();
  }

  @Transactional(readOnly = true)
  public List<NotificationView> latest(String memberId, int limit) {
    return notifications.latest(memberId, limit).stream().map(NotificationView::of).toList();
  }
}
