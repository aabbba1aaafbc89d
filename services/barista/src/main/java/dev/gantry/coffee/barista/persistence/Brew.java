package dev.gantry.coffee.barista.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A cup in the making; READY once {@code readyAt} has passed. */
@MappedEntity("brews")
public record Brew(
        @Id String orderId,
        String memberId,
        String item,
        int quantity,
        boolean ready,
        Instant readyAt) {

    public Brew done() {
        return new Brew(orderId, memberId, item, quantity, true, readyAt);
    }
}
