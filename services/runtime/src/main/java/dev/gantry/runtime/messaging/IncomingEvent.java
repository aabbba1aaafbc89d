package dev.gantry.runtime.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** An event as a consumer sees it: id and type from the headers, the payload as JSON text. */
public record IncomingEvent(String id, String type, String key, String payload, String topic) {

  /** Reads the event's identity; a record without one can never be applied and is poison. */
  public static IncomingEvent of(ConsumerRecord<String, String> record) {
    String id = header(record, EventHeaders.ID);
    String type = header(record, EventHeaders.TYPE);
    if (id == null || id.isBlank()) {
      throw new PoisonMessageException("no " + EventHeaders.ID + " header");
    }
    if (type == null || type.isBlank()) {
      throw new PoisonMessageException("no " + EventHeaders.TYPE + " header");
    }
    if (record.value() == null) {
      throw new PoisonMessageException("no payload");
    }
    return new IncomingEvent(id, type, record.key(), record.value(), record.topic());
  }

  static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
