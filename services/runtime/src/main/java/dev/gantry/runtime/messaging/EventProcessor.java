package dev.gantry.runtime.messaging;

import dev.gantry.runtime.telemetry.KafkaTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a consumer's handler for each record inside the producer's trace, a poll's records in one
 * transaction, and decides what a failure means ({@link Failure}): poison goes to the dead-letter
 * topic at once; a transient failure is retried with backoff here, then handed back to the
 * listener, which redelivers the record later — a good event is never parked because the database
 * or the broker was away; a defect is parked after the last attempt so one record cannot stall its
 * partition forever.
 */
@Singleton
public class EventProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  private final TransactionOperations<Connection> transactions;
  private final KafkaTracing tracing;
  private final DeadLetters deadLetters;
  private final MeterRegistry meters;
  private final int maxAttempts;

  EventProcessor(
      TransactionOperations<Connection> transactions,
      KafkaTracing tracing,
      DeadLetters deadLetters,
      MeterRegistry meters,
      @Value("${gantry.events.max-attempts:5}") int maxAttempts) {
    this.transactions = transactions;
    this.tracing = tracing;
    this.deadLetters = deadLetters;
    this.meters = meters;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Applies a poll's records in one transaction — one commit for the lot, not one per record; the
   * handlers join it. When any of them fails, none of the lot is kept and each record is applied on
   * its own as {@link #process} does, so a poison event is parked alone and the good ones around it
   * still commit. Throws as {@link #process} does, and the listener then redelivers the lot: the
   * inbox lets through only what was not applied.
   */
  public void processAll(
      List<ConsumerRecord<String, String>> records,
      String consumer,
      Consumer<IncomingEvent> handler) {
    if (records.size() > 1 && appliedTogether(records, consumer, handler)) {
      return;
    }
    for (ConsumerRecord<String, String> record : records) {
      process(record, consumer, handler);
    }
  }

  private boolean appliedTogether(
      List<ConsumerRecord<String, String>> records,
      String consumer,
      Consumer<IncomingEvent> handler) {
    try {
      transactions.executeWrite(
          status -> {
            for (ConsumerRecord<String, String> record : records) {
              Span span = tracing.startConsumerSpan(record, consumer);
              try (Scope ignored = span.makeCurrent()) {
                handler.accept(IncomingEvent.of(record));
              } catch (RuntimeException e) {
                span.recordException(e);
                throw e;
              } finally {
                span.end();
              }
            }
            return null;
          });
    } catch (RuntimeException e) {
      LOG.info(
          "{} records of {} failed together ({}); applying them one at a time",
          records.size(),
          records.get(0).topic(),
          e.toString());
      return false;
    }
    for (ConsumerRecord<String, String> record : records) {
      consumed(record, consumer);
    }
    return true;
  }

  /**
   * Applies the record, or parks it; throws when the failure was transient and the attempts here
   * ran out, so the listener's error strategy redelivers it without committing its offset.
   */
  public void process(
      ConsumerRecord<String, String> record, String consumer, Consumer<IncomingEvent> handler) {
    Span span = tracing.startConsumerSpan(record, consumer);
    try (Scope ignored = span.makeCurrent()) {
      Duration backoff = Duration.ofMillis(100);
      for (int attempt = 1; ; attempt++) {
        try {
          handler.accept(IncomingEvent.of(record));
          consumed(record, consumer);
          return;
        } catch (RuntimeException e) {
          Failure failure = Failure.of(e);
          boolean lastAttempt = attempt >= maxAttempts;
          if (failure == Failure.POISON || (failure == Failure.DEFECT && lastAttempt)) {
            LOG.warn(
                "parking {}-{}@{} on the dead-letter topic after {} attempt(s), {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                attempt,
                failure,
                e.toString());
            span.recordException(e);
            deadLetters.park(record, consumer, Failure.decisiveCause(e));
            return;
          }
          if (lastAttempt) {
            meters
                .counter("gantry.events.redelivered", "topic", record.topic(), "consumer", consumer)
                .increment();
            throw new IllegalStateException(
                "transient failure, " + record.topic() + " record left for redelivery", e);
          }
          LOG.info(
              "retrying {}-{}@{} (attempt {}, {}): {}",
              record.topic(),
              record.partition(),
              record.offset(),
              attempt,
              failure,
              e.toString());
          sleep(backoff);
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
        }
      }
    } finally {
      span.end();
    }
  }

  private void consumed(ConsumerRecord<String, String> record, String consumer) {
    meters
        .counter("gantry.events.consumed", "topic", record.topic(), "consumer", consumer)
        .increment();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
