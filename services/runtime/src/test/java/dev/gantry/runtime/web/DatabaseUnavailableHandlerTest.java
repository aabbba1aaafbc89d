package dev.gantry.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import io.micronaut.transaction.exceptions.TransactionSystemException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseUnavailableHandlerTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "a pooled connection the restarted server cut (08006)",
            new DataAccessException("insert", new SQLException("I/O error", "08006")),
            true),
        Arguments.of(
            "the server shutting down (57P01)",
            new TransactionSystemException(
                "commit", new SQLException("terminating connection", "57P01")),
            true),
        Arguments.of(
            "the server still starting (57P03)",
            new DataAccessException("select", new SQLException("starting up", "57P03")),
            true),
        Arguments.of(
            "no connection from the pool in time",
            new DataAccessException("x", new SQLTransientConnectionException("pool timed out")),
            true),
        Arguments.of(
            "no transaction could begin",
            new CannotCreateTransactionException("begin", new ConnectException("refused")),
            true),
        Arguments.of(
            "a unique key violated (23505): the request's fault, not the database's",
            new DataAccessException("insert", new SQLException("duplicate key", "23505")),
            false),
        Arguments.of(
            "a syntax error (42601): a defect",
            new DataAccessException("select", new SQLException("syntax", "42601")),
            false),
        Arguments.of(
            "another service refusing a call: not the database",
            new IllegalStateException("call", new ConnectException("refused")),
            false),
        Arguments.of("a defect with no database in it", new IllegalStateException("bug"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void tellsTheDatabasesAbsenceFromOtherFailures(String name, Throwable error, boolean expected) {
    assertThat(DatabaseUnavailableHandler.databaseUnreachable(error)).isEqualTo(expected);
  }
}
