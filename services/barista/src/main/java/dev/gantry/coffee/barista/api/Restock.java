package dev.gantry.coffee.barista.api;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@Serdeable
public record Restock(@NotNull @Min(0) @Max(1_000_000) Integer quantity) {}
