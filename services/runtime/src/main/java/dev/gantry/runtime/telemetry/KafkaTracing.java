package dev.gantry.runtime.telemetry;

import dev.gantry.runtime.messaging.EventHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * W3C trace context across Kafka, which Micronaut's tracing does not cover here: the producer side
 * captures the current context (stored with the outbox row, sent as headers), the consumer side
 * continues it in a CONSUMER span.
 */
@Singleton
public class KafkaTracing {
  private static final TextMapGetter<ConsumerRecord<?, ?>> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> record) {
          return StreamSupport.stream(record.headers().spliterator(), false)
              .map(Header::key)
              .toList();
        }

        @Override
        public String get(ConsumerRecord<?, ?> record, String key) {
          if (record == null) {
            return null;
          }
          Header header = record.headers().lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;

  KafkaTracing(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("dev.gantry.kafka");
  }

  /**
   * The current context as W3C headers ({@code traceparent}, {@code tracestate}); empty outside a
   * trace.
   */
  public Map<String, String> currentContext() {
    Map<String, String> carrier = new HashMap<>();
    openTelemetry
        .getPropagators()
        .getTextMapPropagator()
        .inject(Context.current(), carrier, Map::put);
    return carrier;
  }

  /**
   * The context a stored {@code traceparent} names, for work that continues a trace later (a brew
   * finishing after its brew time); the root context when there is none.
   */
  public Context contextOf(String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return Context.root();
    }
    return openTelemetry
        .getPropagators()
        .getTextMapPropagator()
        .extract(Context.root(), Map.of(EventHeaders.TRACEPARENT, traceparent), MAP_GETTER);
  }

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  /** A CONSUMER span whose parent is the context in the record's headers (a new trace if none). */
  public Span startConsumerSpan(ConsumerRecord<?, ?> record, String consumer) {
    Context parent =
        openTelemetry
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), record, HEADERS);
    return tracer
        .spanBuilder(record.topic() + " process")
        .setParent(parent)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", record.topic())
        .setAttribute("messaging.consumer.group.name", consumer)
        .setAttribute("messaging.kafka.offset", record.offset())
        .setAttribute("messaging.message.id", String.valueOf(HEADERS.get(record, EventHeaders.ID)))
        .startSpan();
  }
}
