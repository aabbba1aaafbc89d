package dev.gantry.runtime.messaging;

import dev.gantry.runtime.telemetry.KafkaTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.exceptions.SerdeException;
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
 * means: poison (cannot ever be applied) goes to the dead-letter topic at once; anything else is
 * retried with backoff, and parked only after the last attempt so one record cannot stall its
 * partition forever.
 */
@Singleton
public class EventProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

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
          Throwable poison = poisonCause(e);
          if (poison != null || attempt >= maxAttempts) {
            LOG.warn(
                "parking {}-{}@{} on the dead-letter topic after {} attempt(s): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                attempt,
                e.toString());
            span.recordException(e);
            deadLetters.park(record, consumer, poison != null ? poison : e);
            return;
          }
          LOG.info(
              "retrying {}-{}@{} (attempt {}): {}",
              record.topic(),
              record.partition(),
              record.offset(),
              attempt,
              e.toString());
          sleep(backoff);
          backoff = backoff.multipliedBy(2);
        }
      }
    } finally {
      span.end();
    }
  }

  private static Throwable poisonCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PoisonMessageException
          || t instanceof SerdeException
          || t instanceof jakarta.validation.ConstraintViolationException) {
        return t;
      }
    }
    return null;
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
