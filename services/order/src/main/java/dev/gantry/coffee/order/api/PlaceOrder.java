package dev.gantry.coffee.order.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gantry.runtime.web.WholeNumber;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A member's order. Whether the item can be made is the barista's call (REJECTED otherwise). */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record PlaceOrder(
    @NotBlank @Size(max = 36) String memberId,
    @NotBlank
        @Pattern(regexp = "[a-z][a-z-]{1,39}", message = "must be a menu item name such as latte")
        String item,
    @NotNull @Min(1) @Max(10) @Serdeable.Deserializable(using = WholeNumber.class)
        Integer quantity) {}
