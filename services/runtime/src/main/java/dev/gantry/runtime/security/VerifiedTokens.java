package dev.gantry.runtime.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens whose signature and claims were verified lately, so a client's next request with the same
 * token is not verified again. An RS256 verification costs ~230 µs of CPU in these services' JVMs
 * (C1 only), measured; with it on every request {@code GET /orders/{id}} served a third less (bench
 * run 8). A token is remembered until it expires or for {@code coffee.tokens.remember-for} (60 s,
 * the issuer's key set is not fetched more often either), whichever comes first; at most {@code
 * coffee.tokens.remember-at-most} tokens, least recently used first out. Only successes are kept.
 */
@Singleton
public class VerifiedTokens {
  private final Clock clock;
  private final Duration rememberFor;
  private final int atMost;
  private final Map<String, Entry> entries;

  private record Entry(Authentication authentication, Instant until) {}

  @Inject
  VerifiedTokens(
      @Value("${coffee.tokens.remember-for:60s}") Duration rememberFor,
      @Value("${coffee.tokens.remember-at-most:10000}") int atMost) {
    this(Clock.systemUTC(), rememberFor, atMost);
  }

  VerifiedTokens(Clock clock, Duration rememberFor, int atMost) {
    this.clock = clock;
    this.rememberFor = rememberFor;
    this.atMost = atMost;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > VerifiedTokens.this.atMost;
          }
        };
  }

  /** The caller {@code token} was verified as, if that was lately and it has not expired since. */
  public synchronized Optional<Authentication> get(String token) {
    Entry entry = entries.get(token);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.until())) {
      entries.remove(token);
      return Optional.empty();
    }
    return Optional.of(entry.authentication());
  }

  /** Remembers that {@code token} was verified as {@code authentication}. */
  public synchronized void put(String token, Authentication authentication) {
    Instant until = clock.instant().plus(rememberFor);
    Optional<Instant> expires = expiry(authentication.getAttributes().get("exp"));
    if (expires.isPresent() && expires.get().isBefore(until)) {
      until = expires.get();
    }
    entries.put(token, new Entry(authentication, until));
  }

  private static Optional<Instant> expiry(Object exp) {
    if (exp instanceof Date date) {
      return Optional.of(date.toInstant());
    }
    if (exp instanceof Instant instant) {
      return Optional.of(instant);
    }
    if (exp instanceof Number seconds) {
      return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
    }
    return Optional.empty();
  }
}
