package dev.gantry.operator.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A document in a ConfigMap of the Microservice's namespace. The operator reads only ConfigMaps
 * labelled {@code gantry.dev/api-document: "true"}, so a reference cannot make it read, or echo, a
 * ConfigMap that was not written to be read.
 */
public record ApiDocumentRef(
    @Required @Size(min = 1, max = 253) @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
        String configMap,
    @Required @Size(min = 1, max = 253) @Pattern("^[-._a-zA-Z0-9]+$") String key) {}
