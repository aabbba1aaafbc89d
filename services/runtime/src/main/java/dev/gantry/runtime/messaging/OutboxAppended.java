package dev.gantry.runtime.messaging;

/**
 * Published inside the writing transaction; after commit it wakes the relay so events leave without
 * polling delay.
 */
public record OutboxAppended(String topic) {}
