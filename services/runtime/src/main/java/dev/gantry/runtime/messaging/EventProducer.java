package dev.gantry.runtime.messaging;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer for events and dead letters: idempotent with {@code acks=all}, so retries after a
 * broker restart neither duplicate nor reorder within a partition. It is configured from the same
 * {@code kafka.*} properties as the service's listeners — bootstrap servers, {@code
 * security.protocol}, {@code sasl.*}, {@code ssl.*} — so a broker that requires TLS and
 * authentication gets them from every client of the service, with only the settings publishing
 * needs (idempotence, acks, timeouts) laid over them. Created on first use, so a service that
 * publishes nothing never connects.
 */
@Singleton
public class EventProducer {
  private final Map<String, Object> config;
  private volatile Producer<String, String> producer;

  EventProducer(
      KafkaDefaultConfiguration kafka, @Value("${gantry.service.name:unknown}") String service) {
    this.config = config(kafka.getConfig(), service);
  }

  /** The service's Kafka client properties with the producer's own settings laid over them. */
  static Map<String, Object> config(Properties shared, String service) {
    Map<String, Object> config = new HashMap<>();
    shared.forEach((key, value) -> config.put(key.toString(), value));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-events");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.keySet().retainAll(ProducerConfig.configNames());
    return Map.copyOf(config);
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
