package dev.gantry.coffee.member.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record NewMember(
    @NotBlank @Size(max = 100) String name, @NotBlank @Email @Size(max = 200) String email) {}
