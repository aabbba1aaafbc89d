package dev.gantry.coffee.order.events;

import dev.gantry.coffee.contract.Topics;
import dev.gantry.coffee.order.OrderService;
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
 * Moves orders on the barista's status events. Offsets are committed after each batch is applied.
 */
@KafkaListener(
    batch = true,
    groupId = "${gantry.kafka.group:order}",
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_ON_ERROR,
            retryDelay = "1s",
            retryCount = 10_000))
public class OrderStatusListener {
  private final EventProcessor processor;
  private final OrderService orders;

  OrderStatusListener(EventProcessor processor, OrderService orders) {
    this.processor = processor;
    this.orders = orders;
  }

  @Topic(Topics.ORDER_STATUS)
  void receive(List<ConsumerRecord<String, String>> records) {
    processor.processAll(records, "order", orders::applyStatus);
  }
}
