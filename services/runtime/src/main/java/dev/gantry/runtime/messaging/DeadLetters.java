package dev.gantry.runtime.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Parks a message that cannot be applied on {@code <topic>.DLT} with the error and where it came
 * from, so the partition moves on and a human can look. Sent synchronously: the offset is only
 * committed after the dead letter is safe.
 */
@Singleton
public class DeadLetters {
  private final EventProducer producer;
  private final MeterRegistry meters;

  DeadLetters(EventProducer producer, MeterRegistry meters) {
    this.producer = producer;
    this.meters = meters;
  }

  public void park(ConsumerRecord<String, String> record, String consumer, Throwable error) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      headers.add(header);
    }
    headers.add(EventHeaders.DLT_ERROR_CLASS, bytes(error.getClass().getName()));
    headers.add(EventHeaders.DLT_ERROR_MESSAGE, bytes(String.valueOf(error.getMessage())));
    headers.add(EventHeaders.DLT_ORIGINAL_TOPIC, bytes(record.topic()));
    headers.add(EventHeaders.DLT_ORIGINAL_PARTITION, bytes(String.valueOf(record.partition())));
    headers.add(EventHeaders.DLT_ORIGINAL_OFFSET, bytes(String.valueOf(record.offset())));
    headers.add(EventHeaders.DLT_CONSUMER, bytes(consumer));
    String topic = EventHeaders.deadLetterTopic(record.topic());
    try {
      producer
          .send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not park a message on " + topic, e);
    }
    meters
        .counter("gantry.events.dead_lettered", "topic", record.topic(), "consumer", consumer)
        .increment();
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
