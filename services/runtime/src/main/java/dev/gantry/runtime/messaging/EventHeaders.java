package dev.gantry.runtime.messaging;

/**
 * Kafka header names of an event. Identity and type follow the CloudEvents Kafka binding (binary
 * mode: the record value is the payload); trace context is W3C's.
 */
public final class EventHeaders {
  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  public static final String DLT_ERROR_CLASS = "dlt_error_class";
  public static final String DLT_ERROR_MESSAGE = "dlt_error_message";
  public static final String DLT_ORIGINAL_TOPIC = "dlt_original_topic";
  public static final String DLT_ORIGINAL_PARTITION = "dlt_original_partition";
  public static final String DLT_ORIGINAL_OFFSET = "dlt_original_offset";
  public static final String DLT_CONSUMER = "dlt_consumer";

  private EventHeaders() {}

  /** The dead-letter topic of a topic. */
  public static String deadLetterTopic(String topic) {
    return topic + ".DLT";
  }
}
