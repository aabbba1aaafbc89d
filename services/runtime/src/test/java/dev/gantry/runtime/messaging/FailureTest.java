package dev.gantry.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import io.micronaut.transaction.exceptions.NoTransactionException;
import jakarta.validation.ConstraintViolationException;
import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailureTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("unreadable payload", new PoisonMessageException("bad json"), Failure.POISON),
        Arguments.of(
            "invalid payload",
            new ConstraintViolationException("quantity must be >= 1", Set.of()),
            Failure.POISON),
        Arguments.of(
            "poison under a wrapper",
            new IllegalStateException("handler", new PoisonMessageException("x")),
            Failure.POISON),
        Arguments.of(
            "database away (pool timeout)",
            new DataAccessException(
                "no connection", new SQLTransientConnectionException("pool timed out")),
            Failure.TRANSIENT),
        Arguments.of(
            "no transaction could begin",
            new CannotCreateTransactionException("database down"),
            Failure.TRANSIENT),
        Arguments.of(
            "network refused",
            new IllegalStateException("call", new ConnectException("refused")),
            Failure.TRANSIENT),
        Arguments.of(
            "broker moving a partition",
            new IllegalStateException("send", new NotLeaderOrFollowerException("moved")),
            Failure.TRANSIENT),
        Arguments.of("a bug", new NullPointerException("item"), Failure.DEFECT),
        Arguments.of(
            "transaction misuse is a bug, not the database",
            new NoTransactionException("none"),
            Failure.DEFECT));
  }

  @ParameterizedTest(name = "{0} is {2}")
  @MethodSource("failures")
  void classifiesByTheFirstTellingCause(String name, Throwable error, Failure expected) {
    assertThat(Failure.of(error)).isEqualTo(expected);
  }

  @Test
  void parksWithTheCauseThatDecided() {
    PoisonMessageException poison = new PoisonMessageException("invalid order-placed payload");
    assertThat(Failure.decisiveCause(new IllegalStateException("wrapper", poison)))
        .isSameAs(poison);
    NullPointerException bug = new NullPointerException();
    assertThat(Failure.decisiveCause(bug)).isSameAs(bug);
  }
}
