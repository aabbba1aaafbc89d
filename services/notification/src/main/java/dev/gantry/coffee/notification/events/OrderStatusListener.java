package dev.gantry.coffee.notification.events;

import dev.gantry.coffee.contract.Topics;
import dev.gantry.coffee.notification.NotificationService;
import dev.gantry.runtime.messaging.EventProcessor;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every notification instance reads every status event (a group of its own), because a member's
 * stream may be open on any instance. Stored rows dedupe by event id.
 */
@KafkaListener(
    batch = true,
    groupId = "${gantry.kafka.group:notification}",
    uniqueGroupId = true,
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_ON_ERROR,
            retryDelay = "1s",
            retryCount = 10_000))
public class OrderStatusListener {
  private final EventProcessor processor;
  private final NotificationService notifications;

  OrderStatusListener(EventProcessor processor, NotificationService notifications) {
    this.processor = processor;
    this.notifications = notifications;
  }

  @Topic(Topics.ORDER_STATUS)
  void receive(List<ConsumerRecord<String, String>> records) {
    processor.processAll(records, "notification", notifications::record);
  }
}
