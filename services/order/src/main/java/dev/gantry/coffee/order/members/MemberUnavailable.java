package dev.gantry.coffee.order.members;

import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.retry.annotation.RetryPredicate;

/**
 * Retry and count toward the breaker only when member could not answer (down, timed out, 5xx);
 * never for a 4xx.
 */
public class MemberUnavailable implements RetryPredicate {
  @Override
  public boolean test(Throwable error) {
    if (error instanceof HttpClientResponseException response) {
      return response.getStatus().getCode() >= 500;
    }
    return error instanceof HttpClientException;
  }
}
