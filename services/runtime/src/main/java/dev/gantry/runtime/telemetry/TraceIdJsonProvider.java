package dev.gantry.runtime.telemetry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.io.IOException;
import net.logstash.logback.composite.AbstractJsonProvider;

/**
 * Adds {@code trace_id} and {@code span_id} of the span current on the logging thread to each JSON
 * log line, so logs join traces without MDC plumbing (Micronaut propagates the context).
 */
public class TraceIdJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    SpanContext context = Span.current().getSpanContext();
    if (context.isValid()) {
      generator.writeStringField("trace_id", context.getTraceId());
      generator.writeStringField("span_id", context.getSpanId());
    }
  }
}
