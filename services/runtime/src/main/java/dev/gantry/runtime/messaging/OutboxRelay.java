package dev.gantry.runtime.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves outbox rows to Kafka, oldest first, and deletes them once the broker acknowledged them
 * ({@code acks=all}). Woken right after each commit that appended an event, and every poll interval
 * anyway; if Kafka is down the rows wait and the relay backs off. A crash between send and delete
 * sends a row twice: consumers are idempotent by event id.
 *
 * <p>With several replicas on one database, each batch is relayed under the outbox lease, a
 * transaction-scoped PostgreSQL advisory lock: one relay at a time, so every event is published by
 * one replica and the events of a key leave in the order they were committed. Rows claimed with
 * {@code SKIP LOCKED} by several relays at once would give the first guarantee but not the second
 * (two replicas holding two batches that both contain an order's events race each other). A replica
 * that dies mid-batch releases the lease with its connection; its rows are sent again by the next
 * holder.
 */
@Singleton
@Requires(property = "gantry.outbox.enabled", notEquals = "false")
public class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  private final OutboxRepository repository;
  private final TransactionOperations<Connection> transactions;
  private final EventProducer producer;
  private final String source;
  private final int batchSize;
  private final Duration pollInterval;
  private final Semaphore wakeUp = new Semaphore(0);
  private final Counter published;
  private volatile boolean running = true;
  private Thread worker;

  OutboxRelay(
      OutboxRepository repository,
      TransactionOperations<Connection> transactions,
      EventProducer producer,
      MeterRegistry meters,
      @Value("${gantry.service.name:unknown}") String source,
      @Value("${gantry.outbox.batch-size:500}") int batchSize,
      @Value("${gantry.outbox.poll-interval:500ms}") Duration pollInterval) {
    this.repository = repository;
    this.transactions = transactions;
    this.producer = producer;
    this.source = source;
    this.batchSize = batchSize;
    this.pollInterval = pollInterval;
    this.published =
        Counter.builder("gantry.outbox.published")
            .description("Events relayed from the outbox to Kafka")
            .register(meters);
    Gauge.builder("gantry.outbox.pending", repository, OutboxRepository::count)
        .description("Events written but not yet acknowledged by Kafka")
        .register(meters);
  }

  @EventListener
  void onStartup(StartupEvent event) {
    worker = new Thread(this::run, "gantry-outbox-relay");
    worker.setDaemon(true);
    worker.start();
  }

  @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
  void onAppended(OutboxAppended event) {
    wakeUp.release();
  }

  private void run() {
    Duration backoff = Duration.ZERO;
    while (running) {
      try {
        if (!backoff.isZero()) {
          wakeUp.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } else {
          wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        wakeUp.drainPermits();
        while (running && relayBatch() == batchSize) {
          // a full batch: more may be waiting
        }
        backoff = Duration.ZERO;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        backoff =
            backoff.isZero()
                ? Duration.ofMillis(250)
                : min(backoff.multipliedBy(2), Duration.ofSeconds(5));
        LOG.warn("outbox relay failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
      }
    }
  }

  /**
   * Relays one batch under the outbox lease; returns how many rows it moved (none when another
   * replica holds the lease).
   */
  int relayBatch() {
    return transactions.executeWrite(
        status -> {
          if (!repository.tryLease(OutboxRepository.LEASE)) {
            return 0;
          }
          List<OutboxMessage> batch = repository.oldest(batchSize);
          if (batch.isEmpty()) {
            return 0;
          }
          List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
          for (OutboxMessage message : batch) {
            sent.add(producer.send(toRecord(message)));
          }
          for (Future<RecordMetadata> future : sent) {
            try {
              future.get();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            } catch (ExecutionException e) {
              throw new IllegalStateException(
                  "Kafka did not acknowledge an outbox event", e.getCause());
            }
          }
          repository.deleteByIdIn(batch.stream().map(OutboxMessage::id).toList());
          published.increment(batch.size());
          return batch.size();
        });
  }

  private ProducerRecord<String, String> toRecord(OutboxMessage message) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(EventHeaders.SPEC_VERSION, bytes("1.0"));
    headers.add(EventHeaders.ID, bytes(message.eventId()));
    headers.add(EventHeaders.TYPE, bytes(message.eventType()));
    headers.add(EventHeaders.SOURCE, bytes(source));
    headers.add(EventHeaders.TIME, bytes(message.createdAt().toString()));
    if (message.traceparent() != null) {
      headers.add(EventHeaders.TRACEPARENT, bytes(message.traceparent()));
    }
    if (message.tracestate() != null) {
      headers.add(EventHeaders.TRACESTATE, bytes(message.tracestate()));
    }
    return new ProducerRecord<>(
        message.topic(), null, message.messageKey(), message.payload(), headers);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @PreDestroy
  void stop() {
    running = false;
    wakeUp.release();
    if (worker != null) {
      try {
        worker.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
