package dev.gantry.coffee.barista.events;

import dev.gantry.coffee.barista.BaristaService;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.runtime.messaging.EventProcessor;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

@KafkaListener(
    batch = true,
    groupId = "${gantry.kafka.group:barista}",
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_ON_ERROR,
            retryDelay = "1s",
            retryCount = 10_000))
public class OrderPlacedListener {
  private final EventProcessor processor;
  private final BaristaService barista;

  OrderPlacedListener(EventProcessor processor, BaristaService barista) {
    this.processor = processor;
    this.barista = barista;
  }

  @Topic(Topics.ORDER_PLACED)
  void receive(List<ConsumerRecord<String, String>> records) {
    processor.processAll(records, "barista", barista::take);
  }
}
