package dev.gantry.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The outbox relay and the dead-letter producer connect as the service's listeners do. */
class EventProducerTest {

  @Test
  void theServicesKafkaSecuritySettingsReachTheProducer() {
    Properties shared = new Properties();
    shared.put("bootstrap.servers", "broker:9093");
    shared.put("security.protocol", "SASL_SSL");
    shared.put("sasl.mechanism", "SCRAM-SHA-512");
    shared.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule ...");
    shared.put("ssl.truststore.location", "/var/run/kafka/ca.p12");
    shared.put("acks", "1");
    shared.put("health.enabled", "false");

    var config = EventProducer.config(shared, "order");

    assertThat(config)
        .containsEntry("bootstrap.servers", "broker:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsKey("sasl.jaas.config")
        .containsEntry("ssl.truststore.location", "/var/run/kafka/ca.p12")
        .containsEntry("client.id", "order-events")
        .containsEntry("enable.idempotence", true);
    assertThat(config).as("publishing needs every replica's ack").containsEntry("acks", "all");
    assertThat(config).as("not a Kafka client setting").doesNotContainKey("health.enabled");
  }
}
