package dev.gantry.runtime.web;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The error body of every service: a message for people and, for bad input, the fields at fault.
 */
@Serdeable
public record ErrorResponse(String message, List<FieldError> errors) {
  public static ErrorResponse of(String message) {
    return new ErrorResponse(message, List.of());
  }
}
