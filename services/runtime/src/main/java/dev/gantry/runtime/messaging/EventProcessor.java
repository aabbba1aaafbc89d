package dev.gantry.runtime.messaging;

import dev.gantry.runtime.telemetry.KafkaTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a consumer's handler for one record inside the producer's trace, and decides what a failure
 * means ({@link Failure}): poison goes to the dead-letter topic at once; a transient failure is
 * retried with backoff here, then handed back to the listener, which redelivers the record later —
 * a good event is never parked because the database or the broker was away; a defect is parked
 * after the last attempt so one record cannot stall its partition forever.
 */
@Singleton
public class EventProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  private final KafkaTracing tracing;
  private final DeadLetters deadLetters;
  private final MeterRegistry meters;
  private final int maxAttempts;

  EventProcessor(
      KafkaTracing tracing,
      DeadLetters deadLetters,
      MeterRegistry meters,
      @Value("${gantry.events.max-attempts:5}") int maxAttempts) {
    this.tracing = tracing;
    this.deadLetters = deadLetters;
    this.meters = meters;
    this.maxAttempts = maxAttempts;
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
          meters
              .counter("gantry.events.consumed", "topic", record.topic(), "consumer", consumer)
              .increment();
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

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
