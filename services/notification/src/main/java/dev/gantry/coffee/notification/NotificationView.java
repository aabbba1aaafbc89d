package dev.gantry.coffee.notification;

import dev.gantry.coffee.notification.persistence.Notification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One update as a client receives it; {@code id} is the SSE event id (for Last-Event-ID). */
@Serdeable
public record NotificationView(
    long id,
    String orderId,
    String memberId,
    @Nullable String item,
    String status,
    @Nullable String reason,
    Instant at) {
  public static NotificationView of(Notification n) {
    return new NotificationView(
        n.id(), n.orderId(), n.memberId(), n.item(), n.status(), n.reason(), n.at());
  }
}
