/** W3C trace context through Kafka headers, and trace ids in JSON logs. */
package dev.gantry.runtime.telemetry;
