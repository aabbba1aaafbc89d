package dev.gantry.coffee.barista.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@io.micronaut.serde.annotation.Serdeable
@MappedEntity("stock")
public record StockLevel(@Id String ingredient, int quantity) {}
