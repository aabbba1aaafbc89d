package dev.gantry.coffee.notification.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("notifications")
public record Notification(
    @Id @GeneratedValue @Nullable Long id,
    String eventId,
    String memberId,
    String orderId,
    @Nullable String item,
    String status,
    @Nullable String reason,
    Instant at) {}
