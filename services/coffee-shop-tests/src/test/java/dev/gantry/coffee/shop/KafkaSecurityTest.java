package dev.gantry.coffee.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.testing.KafkaBroker;
import dev.gantry.testing.KafkaSecurity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event bus as the local run secures it: TLS, a SCRAM user per service, and ACLs from what each
 * service produces and consumes. A service that may not write {@code order-status} cannot forge an
 * order's status, and a client without credentials reaches nothing.
 */
class KafkaSecurityTest {
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker =
        KafkaBroker.startSecure(
            List.of(
                KafkaSecurity.User.parse("order=order-placed/order-status"),
                KafkaSecurity.User.parse("barista=order-status/order-placed"),
                KafkaSecurity.User.parse("notification=/order-status")));
    broker.createTopics("order-placed", "order-status");
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static Map<String, Object> as(String user) {
    Map<String, Object> config = new HashMap<>(broker.security().clientConfig(user));
    config.put("bootstrap.servers", broker.bootstrapServers());
    return config;
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> config) {
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static void send(Map<String, Object> config, String topic, String key) throws Exception {
    try (var producer = producer(config)) {
      producer.send(new ProducerRecord<>(topic, key, "{}")).get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aServiceWritesOnlyTheTopicsItProducesAndNothingForgedReachesConsumers() throws Exception {
    send(as("order"), "order-placed", "order-1");
    assertThatThrownBy(() -> send(as("order"), "order-status", "forged"))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TopicAuthorizationException.class);
    send(as("barista"), "order-status", "genuine");

    // notification's replicas each read every event, in a group of their own: notification_<id>
    Map<String, Object> config = as("notification");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "notification_" + java.util.UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> keys = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("order-status"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!keys.contains("genuine") && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          keys.add(record.key());
        }
      }
    }
    assertThat(keys).containsExactly("genuine");
  }

  @Test
  void aServiceJoinsOnlyItsOwnConsumerGroups() {
    Map<String, Object> config = as("notification");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "barista");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("order-status"));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
          .isInstanceOf(org.apache.kafka.common.errors.GroupAuthorizationException.class);
    }
  }

  @Test
  void aServiceReadsOnlyTheTopicsItConsumes() {
    Map<String, Object> config = as("order");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "order");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("order-placed"));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void withoutTheRightCredentialsNothingConnects() {
    Map<String, Object> wrongPassword = as("order");
    wrongPassword.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"order\""
            + " password=\"guessed\";");
    assertThatThrownBy(() -> send(wrongPassword, "order-placed", "x"))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);

    Map<String, Object> plaintext = new HashMap<>();
    plaintext.put("bootstrap.servers", broker.bootstrapServers());
    assertThatThrownBy(() -> send(plaintext, "order-placed", "x"))
        .as("no TLS, no credentials: the broker never answers a plain-text client")
        .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
  }
}
