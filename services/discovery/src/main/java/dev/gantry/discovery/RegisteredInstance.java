package dev.gantry.discovery;

import io.micronaut.serde.annotation.Serdeable;

/** An {@link Instance} with the id that ends its etcd key. */
@Serdeable
public record RegisteredInstance(String id, Instance instance) {}
