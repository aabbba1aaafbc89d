package dev.gantry.runtime.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * 400 naming the argument that could not be read (a word where a number belongs, an unknown enum
 * value).
 */
@Singleton
@Produces
@Replaces(io.micronaut.http.server.exceptions.ConversionErrorHandler.class)
public class ConversionErrorHandler
    implements ExceptionHandler<ConversionErrorException, HttpResponse<ErrorResponse>> {

  @Override
  public HttpResponse<ErrorResponse> handle(
      HttpRequest request, ConversionErrorException exception) {
    String field = exception.getArgument().getName();
    String message = exception.getConversionError().getCause().getMessage();
    return HttpResponse.badRequest(
        new ErrorResponse(
            "Invalid request", List.of(new FieldError(field, "cannot be read: " + message))));
  }
}
