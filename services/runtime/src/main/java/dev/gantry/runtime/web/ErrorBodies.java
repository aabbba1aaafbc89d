package dev.gantry.runtime.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every error the framework answers by itself — no route (404), no or a bad token (401), a role
 * that does not allow the route (403), wrong method (405), body too large (413), wrong content type
 * (415), unreadable JSON (400), a server fault (500) — in the one documented shape, {@code
 * {"message", "errors": [{"field", "message"}]}}, with a message that says what to fix.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ErrorBodies implements JsonErrorResponseBodyProvider<ErrorResponse> {
  private final String maxRequestSize;

  ErrorBodies(@Value("${micronaut.server.max-request-size:10MB}") String maxRequestSize) {
    this.maxRequestSize = maxRequestSize;
  }

  @Override
  public ErrorResponse body(ErrorContext context, HttpResponse<?> response) {
    String route = context.getRequest().getMethodName() + " " + context.getRequest().getPath();
    if (context.getErrors().stream().anyMatch(e -> e.getMessage().startsWith("Required Body"))) {
      return ErrorResponse.of("A JSON body is required; see /openapi for its fields");
    }
    List<FieldError> fields =
        context.getErrors().stream()
            .filter(error -> error.getPath().isPresent())
            .map(
                error ->
                    new FieldError(
                        error.getPath().get().replaceFirst("^/", ""),
                        JsonProblems.withoutSource(error.getMessage())))
            .toList();
    return new ErrorResponse(message(response.code(), route, context), fields);
  }

  private String message(int status, String route, ErrorContext context) {
    if (status == HttpStatus.NOT_FOUND.getCode()) {
      return "Nothing at " + route + "; see /openapi for this service's API";
    }
    if (status == HttpStatus.UNAUTHORIZED.getCode()) {
      return "Sign in first: send Authorization: Bearer <token> (member's POST /login issues one);"
          + " the token was missing, expired or not signed by a trusted issuer";
    }
    if (status == HttpStatus.FORBIDDEN.getCode()) {
      return "This token's roles do not allow " + route;
    }
    if (status == HttpStatus.METHOD_NOT_ALLOWED.getCode()) {
      return first(context, "Method not allowed: " + route);
    }
    if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
      return "Request body too large: at most " + maxRequestSize;
    }
    if (status == HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode()) {
      return "Unsupported Content-Type "
          + context.getRequest().getContentType().map(Object::toString).orElse("(none)")
          + "; send application/json";
    }
    if (status >= 500) {
      return internalError(route);
    }
    if (status == HttpStatus.BAD_REQUEST.getCode()) {
      return first(context, "Invalid request");
    }
    return first(context, HttpStatus.valueOf(status).getReason());
  }

  static String internalError(String route) {
    return "Internal error while handling " + route + "; the server log has the details";
  }

  private static String first(ErrorContext context, String otherwise) {
    return context.getErrors().stream()
        .filter(error -> error.getPath().isEmpty())
        .map(error -> JsonProblems.withoutSource(error.getMessage()))
        .findFirst()
        .orElse(otherwise);
  }
}
