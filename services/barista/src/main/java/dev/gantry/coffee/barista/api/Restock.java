package dev.gantry.coffee.barista.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gantry.runtime.web.WholeNumber;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record Restock(
    @NotNull @Min(0) @Max(1_000_000) @Serdeable.Deserializable(using = WholeNumber.class)
        Integer quantity) {}
