package dev.gantry.runtime.security;

import dev.gantry.runtime.web.ErrorResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 403 in the documented shape, saying why. */
@Produces
@Singleton
class NotPermittedHandler implements ExceptionHandler<NotPermitted, HttpResponse<ErrorResponse>> {
  @Override
  public HttpResponse<ErrorResponse> handle(HttpRequest request, NotPermitted refused) {
    return HttpResponse.<ErrorResponse>status(HttpStatus.FORBIDDEN)
        .body(ErrorResponse.of(refused.getMessage()));
  }
}
