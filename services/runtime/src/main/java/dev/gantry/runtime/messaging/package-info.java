/**
 * Events over Kafka with delivery guarantees: transactional outbox, idempotent inbox, dead letters.
 */
package dev.gantry.runtime.messaging;
