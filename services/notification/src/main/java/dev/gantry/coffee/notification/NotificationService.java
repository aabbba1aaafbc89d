package dev.gantry.coffee.notification;

import dev.gantry.coffee.notification.events.OrderStatusChanged;
import dev.gantry.coffee.notification.persistence.Notification;
import dev.gantry.coffee.notification.persistence.NotificationRepository;
import dev.gantry.runtime.messaging.IncomingEvent;
import dev.gantry.runtime.messaging.Inbox;
import dev.gantry.runtime.messaging.PoisonMessageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Stores each status update once and announces it to the member's open streams. */
@Singleton
public class NotificationService {
    private final NotificationRepository notifications;
    private final Inbox inbox;
    private final JsonMapper json;
    private final ApplicationEventPublisher<NotificationView> announce;
    private final MeterRegistry meters;

    NotificationService(NotificationRepository notifications, Inbox inbox, JsonMapper json,
                        ApplicationEventPublisher<NotificationView> announce, MeterRegistry meters) {
        this.notifications = notifications;
        this.inbox = inbox;
        this.json = json;
        this.announce = announce;
        this.meters = meters;
    }

    @Transactional
    public void record(IncomingEvent event) {
        OrderStatusChanged change;
        try {
            change = json.readValue(event.payload(), OrderStatusChanged.class);
        } catch (IOException | RuntimeException e) {
            throw new PoisonMessageException("unreadable order-status payload: " + e.getMessage(), e);
        }
        if (change == null || change.orderId() == null || change.memberId() == null || change.status() == null) {
            throw new PoisonMessageException("order-status payload lacks orderId, memberId or status: " + event.payload());
        }
        if (!inbox.firstDelivery("notification", event.id())) {
            return;
        }
        Notification stored = notifications.save(new Notification(null, event.id(), change.memberId(), change.orderId(), change.item(),
                change.status(), change.reason(), change.at() != null ? change.at() : Instant.now()));
        meters.counter("coffee.notifications.recorded", "status", change.status()).increment();
        announce.publishEvent(NotificationView.of(stored));
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
