package dev.gantry.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What tests see of Kafka: reads every record of some topics from the beginning (no consumer group,
 * so it never disturbs the services' groups) and sends records with chosen headers.
 */
public final class KafkaProbe implements AutoCloseable {
  private final String bootstrapServers;
  private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
  private final KafkaConsumer<String, String> consumer;
  private final Thread poller;
  private volatile boolean running = true;
  private KafkaProducer<String, String> producer;

  private KafkaProbe(String bootstrapServers, List<String> topics) {
    this.bootstrapServers = bootstrapServers;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    poller = new Thread(this::poll, "kafka-probe");
    poller.setDaemon(true);
    poller.start();
  }

  /** Starts reading the given (existing) topics from their beginning. */
  public static KafkaProbe watch(String bootstrapServers, String... topics) {
    return new KafkaProbe(bootstrapServers, List.of(topics));
  }

  private void poll() {
    try {
      while (running) {
        try {
          consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        } catch (WakeupException e) {
          return;
        } catch (RuntimeException e) {
          // broker restarting: keep polling
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  public List<ConsumerRecord<String, String>> records(String topic) {
    return records.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Sends one record and waits for the broker's acknowledgement. */
  public synchronized void send(
      String topic, String key, String value, Map<String, String> headers) {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              new StringSerializer());
    }
    RecordHeaders recordHeaders = new RecordHeaders();
    headers.forEach((name, v) -> recordHeaders.add(name, v.getBytes(StandardCharsets.UTF_8)));
    try {
      producer
          .send(new ProducerRecord<>(topic, null, key, value, recordHeaders))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("sending to " + topic, e);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
  }
}
