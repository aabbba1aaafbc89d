package dev.gantry.runtime.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 400 naming what could not be read: the field of the body (a fraction where a whole number
 * belongs, a field the API does not have), the query or path parameter, or the body itself when it
 * is not the JSON object the API takes.
 */
@Singleton
@Produces
@Replaces(io.micronaut.http.server.exceptions.ConversionErrorHandler.class)
public class ConversionErrorHandler
    implements ExceptionHandler<ConversionErrorException, HttpResponse<ErrorResponse>> {
  private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^]]+)]");
  private static final Pattern PATH_STEP = Pattern.compile("\\[\"([^\"]+)\"]|\\[(\\d+)]");

  @Override
  public HttpResponse<ErrorResponse> handle(
      HttpRequest request, ConversionErrorException exception) {
    return HttpResponse.badRequest(describe(exception));
  }

  static ErrorResponse describe(ConversionErrorException exception) {
    Throwable cause = exception.getConversionError().getCause();
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof WholeNumber.NotAWholeNumber invalid) {
        return invalid(new FieldError(invalid.field(), invalid.reason()));
      }
    }
    String message = JsonProblems.withoutSource(cause.getMessage());
    Matcher unknown = UNKNOWN_PROPERTY.matcher(message);
    if (unknown.find()) {
      return invalid(new FieldError(unknown.group(1), "is not a field of this request"));
    }
    if (exception.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)) {
      String path = serdePath(cause);
      return path.isEmpty()
          ? new ErrorResponse("Invalid JSON body: " + message, List.of())
          : invalid(new FieldError(path, "cannot be read: " + message));
    }
    return invalid(new FieldError(exception.getArgument().getName(), "cannot be read: " + message));
  }

  private static ErrorResponse invalid(FieldError error) {
    return new ErrorResponse("Invalid request", List.of(error));
  }

  /** {@code dev.x.PlaceOrder["items"][0]["name"]} → {@code items[0].name}. */
  static String serdePath(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SerdeException serde && !serde.getPathAsString().isBlank()) {
        StringBuilder field = new StringBuilder();
        Matcher step = PATH_STEP.matcher(serde.getPathAsString());
        while (step.find()) {
          if (step.group(1) != null) {
            field.append(field.isEmpty() ? "" : ".").append(step.group(1));
          } else {
            field.append('[').append(step.group(2)).append(']');
          }
        }
        return field.toString();
      }
    }
    return "";
  }
}
