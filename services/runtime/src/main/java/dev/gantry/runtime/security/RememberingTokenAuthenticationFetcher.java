package dev.gantry.runtime.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Micronaut's bearer-token authentication with {@link VerifiedTokens} in front of its validators: a
 * token verified lately is not verified again. The framework subscribes to every validator at once,
 * so a remembering validator beside the others would save nothing; this one holds the others.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
class RememberingTokenAuthenticationFetcher extends TokenAuthenticationFetcher {

  RememberingTokenAuthenticationFetcher(
      List<TokenValidator<HttpRequest<?>>> validators,
      TokenResolver<HttpRequest<?>> tokenResolver,
      ApplicationEventPublisher<TokenValidatedEvent> publisher,
      HttpHostResolver hostResolver,
      HttpLocaleResolver localeResolver,
      VerifiedTokens verified) {
    super(
        List.of(remembering(validators, verified)),
        tokenResolver,
        publisher,
        hostResolver,
        localeResolver);
  }

  private static TokenValidator<HttpRequest<?>> remembering(
      List<TokenValidator<HttpRequest<?>>> validators, VerifiedTokens verified) {
    return (token, request) -> {
      var known = verified.get(token);
      if (known.isPresent()) {
        return Mono.just(known.get());
      }
      Publisher<Authentication> checked =
          Flux.fromIterable(validators)
              .concatMap(validator -> validator.validateToken(token, request))
              .next()
              .doOnNext(authentication -> verified.put(token, authentication));
      return checked;
    };
  }
}
