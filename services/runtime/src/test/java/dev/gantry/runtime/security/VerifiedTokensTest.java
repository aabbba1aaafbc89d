package dev.gantry.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  /** A clock the test moves. */
  private static final class Hands extends Clock {
    Instant now = NOW;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static Authentication member(String id, Object exp) {
    return Authentication.build(
        id, List.of(Roles.MEMBER), exp == null ? Map.of() : Map.of("exp", exp));
  }

  @Test
  void remembersAVerifiedTokenForAMinuteAtMost() {
    Hands clock = new Hands();
    VerifiedTokens tokens = new VerifiedTokens(clock, Duration.ofSeconds(60), 10);
    tokens.put("t", member("ada", Date.from(NOW.plusSeconds(3600))));
    clock.now = NOW.plusSeconds(59);
    assertThat(tokens.get("t")).map(Authentication::getName).contains("ada");
    clock.now = NOW.plusSeconds(60);
    assertThat(tokens.get("t")).isEmpty();
    assertThat(tokens.get("never seen")).isEmpty();
  }

  @Test
  void forgetsATokenWhenItExpiresBeforeTheMinuteIsOver() {
    Hands clock = new Hands();
    VerifiedTokens tokens = new VerifiedTokens(clock, Duration.ofSeconds(60), 10);
    tokens.put("date", member("ada", Date.from(NOW.plusSeconds(10))));
    tokens.put("seconds", member("bo", NOW.plusSeconds(20).getEpochSecond()));
    tokens.put("none", member("cy", null));
    clock.now = NOW.plusSeconds(10);
    assertThat(tokens.get("date")).isEmpty();
    assertThat(tokens.get("seconds")).isPresent();
    clock.now = NOW.plusSeconds(20);
    assertThat(tokens.get("seconds")).isEmpty();
    assertThat(tokens.get("none")).isPresent();
  }

  @Test
  void keepsAtMostItsLimitDroppingTheLeastRecentlyUsed() {
    VerifiedTokens tokens = new VerifiedTokens(new Hands(), Duration.ofSeconds(60), 2);
    tokens.put("a", member("a", null));
    tokens.put("b", member("b", null));
    assertThat(tokens.get("a")).isPresent();
    tokens.put("c", member("c", null));
    assertThat(tokens.get("b")).isEmpty();
    assertThat(tokens.get("a")).isPresent();
    assertThat(tokens.get("c")).isPresent();
  }
}
