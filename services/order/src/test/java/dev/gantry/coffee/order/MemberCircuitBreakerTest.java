package dev.gantry.coffee.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.coffee.order.members.MemberCheck;
import dev.gantry.testing.FreePorts;
import dev.gantry.testing.PostgresServer;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With member unreachable, the first check fails after brief retries and opens the breaker; the
 * next fails fast.
 */
class MemberCircuitBreakerTest {

  @Test
  void opensAfterAFailedCheckAndThenFailsFastWithoutCallingMember() {
    try (ApplicationContext order =
        ApplicationContext.run(
            withDatabase(
                Map.of(
                    "micronaut.http.services.member.url", "http://127.0.0.1:" + FreePorts.next(),
                    "kafka.enabled", "false",
                    "gantry.outbox.enabled", "false",
                    "gantry.etcd.endpoints", "",
                    "gantry.member.circuit-reset", "30s")))) {
      MemberCheck check = order.getBean(MemberCheck.class);
      assertThatThrownBy(() -> check.check("m-1"))
          .isInstanceOf(MemberCheck.MemberServiceUnavailable.class)
          .hasMessageStartingWith("member service unavailable");
      long started = System.nanoTime();
      assertThatThrownBy(() -> check.check("m-1"))
          .isInstanceOf(MemberCheck.MemberServiceUnavailable.class)
          .hasMessageContaining("circuit open");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
    }
  }

  private static Map<String, Object> withDatabase(Map<String, ?> properties) {
    Map<String, Object> all = new HashMap<>(PostgresServer.shared().newDatabaseProperties("order"));
    all.putAll(properties);
    return all;
  }
}
