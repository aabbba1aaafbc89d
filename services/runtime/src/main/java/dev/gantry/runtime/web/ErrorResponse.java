package dev.gantry.runtime.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The error body of every service, for every status: a message that says what to fix and the fields
 * at fault ({@code errors} always present, empty when no one field is to blame).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorResponse(String message, List<FieldError> errors) {
  public static ErrorResponse of(String message) {
    return new ErrorResponse(message, List.of());
  }

  /** 404 saying what was not found, e.g. "no order 42". */
  public static HttpResponse<ErrorResponse> notFound(String message) {
    return HttpResponse.notFound(of(message));
  }
}
