package dev.gantry.runtime.messaging;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer for events and dead letters: idempotent with {@code acks=all}, so retries after a
 * broker restart neither duplicate nor reorder within a partition. Created on first use, so a
 * service that publishes nothing never connects.
 */
@Singleton
public class EventProducer {
  private final Map<String, Object> config;
  private volatile Producer<String, String> producer;

  EventProducer(
      @Value("${kafka.bootstrap.servers:localhost:9092}") String bootstrapServers,
      @Value("${gantry.service.name:unknown}") String service) {
    this.config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.CLIENT_ID_CONFIG, service + "-events",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
            ProducerConfig.LINGER_MS_CONFIG, 1,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
  }

  public Future<RecordMetadata> send(ProducerRecord<String, String> record) {
    return producer().send(record);
  }

  private Producer<String, String> producer() {
    Producer<String, String> current = producer;
    if (current == null) {
      synchronized (this) {
        if (producer == null) {
          producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        current = producer;
      }
    }
    return current;
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
