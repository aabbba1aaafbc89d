package dev.gantry.coffee.member.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The status is text validated here (not an enum), so a wrong value is refused naming the field.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record MemberUpdate(
    @NotBlank @Size(max = 100) String name,
    @NotBlank @Email @Size(max = 200) String email,
    @NotNull
        @Pattern(regexp = "ACTIVE|SUSPENDED", message = "must be ACTIVE or SUSPENDED")
        @Schema(allowableValues = {"ACTIVE", "SUSPENDED"})
        String status) {}
