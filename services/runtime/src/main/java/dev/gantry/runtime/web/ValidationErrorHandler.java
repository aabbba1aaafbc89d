package dev.gantry.runtime.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * 400 with the fields at fault ({@code {"field":"quantity","message":"must be greater than 0"}}),
 * raised before the controller runs, so nothing changed.
 */
@Singleton
@Produces
@Replaces(ConstraintExceptionHandler.class)
public class ValidationErrorHandler
    implements ExceptionHandler<ConstraintViolationException, HttpResponse<ErrorResponse>> {

  @Override
  public HttpResponse<ErrorResponse> handle(
      HttpRequest request, ConstraintViolationException exception) {
    List<FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(v -> new FieldError(fieldName(v), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    return HttpResponse.badRequest(new ErrorResponse("Invalid request", errors));
  }

  /**
   * The property path without the method and parameter nodes: {@code place.order.quantity} → {@code
   * quantity}.
   */
  static String fieldName(ConstraintViolation<?> violation) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      switch (node.getKind()) {
        case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> names.clear();
        case PARAMETER -> {
          names.clear();
          names.add(node.getName());
        }
        default -> {
          if (names.size() == 1 && isParameterNode(violation, names)) {
            names.clear();
          }
          names.add(node.getName() + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""));
        }
      }
    }
    return names.isEmpty() ? "request" : String.join(".", names);
  }

  private static boolean isParameterNode(ConstraintViolation<?> violation, List<String> names) {
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == jakarta.validation.ElementKind.PARAMETER
          && node.getName().equals(names.get(0))) {
        return true;
      }
    }
    return false;
  }
}
