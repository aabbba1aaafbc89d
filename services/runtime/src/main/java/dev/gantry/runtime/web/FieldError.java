package dev.gantry.runtime.web;

import io.micronaut.serde.annotation.Serdeable;

/** One refused field: its name as the client sent it, and why. */
@Serdeable
public record FieldError(String field, String message) {}
