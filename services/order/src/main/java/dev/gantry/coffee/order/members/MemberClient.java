package dev.gantry.coffee.order.members;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.CircuitBreaker;
import java.util.Optional;

/**
 * member's API as order uses it, resolved by service id through Gantry discovery (DNS name in the
 * mesh, registered instances outside it). Timeouts are {@code micronaut.http.services.member.*}; a
 * 404 is an empty answer, not a failure. Failures to reach member are retried briefly and trip the
 * breaker, which then fails fast until {@code reset} has passed.
 */
@Client(id = "member")
@CircuitBreaker(
    attempts = "${gantry.member.retry-attempts:2}",
    delay = "${gantry.member.retry-delay:100ms}",
    reset = "${gantry.member.circuit-reset:5s}",
    predicate = MemberUnavailable.class,
    throwWrappedException = true)
public interface MemberClient {

  @Get("/members/{id}")
  Optional<MemberSummary> find(String id);
}
