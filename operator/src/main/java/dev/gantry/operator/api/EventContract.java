package dev.gantry.operator.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The JSON Schema of the events this service produces to a topic; consumers are the Microservices
 * that list the topic in {@code kafka.consumes}.
 */
public record EventContract(
    @Required @Size(max = 249) @Pattern("^[a-zA-Z0-9._-]{1,249}$") String topic,
    @Required ApiDocumentRef schema) {}
