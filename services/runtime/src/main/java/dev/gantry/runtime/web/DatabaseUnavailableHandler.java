package dev.gantry.runtime.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that failed because the database could not be reached — restarting, failing over, its
 * connections cut, the pool exhausted — answers 503 with {@code Retry-After}, not 500: the
 * request's fault it is not, and the same request sent again succeeds once the database is back. (A
 * connection cut during COMMIT leaves the outcome unknown; {@code Idempotency-Key}, where the API
 * takes one, makes the retry safe.) Any other unhandled failure is a 500 in the documented shape,
 * logged with its stack trace.
 */
@Singleton
@Produces
@Requires(classes = ConnectionException.class)
public class DatabaseUnavailableHandler
    implements ExceptionHandler<RuntimeException, HttpResponse<ErrorResponse>> {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);
  private static final String RETRY_AFTER_SECONDS = "1";

  @Override
  public HttpResponse<ErrorResponse> handle(HttpRequest request, RuntimeException exception) {
    String route = request.getMethodName() + " " + request.getPath();
    if (databaseUnreachable(exception)) {
      LOG.warn("{}: the database is unreachable: {}", route, exception.toString());
      return HttpResponse.<ErrorResponse>status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .body(
              ErrorResponse.of(
                  "The database is unavailable right now; send the same request again shortly"
                      + " (with the same Idempotency-Key where the API takes one)"));
    }
    LOG.error("{} failed", route, exception);
    return HttpResponse.<ErrorResponse>serverError()
        .body(ErrorResponse.of(ErrorBodies.internalError(route)));
  }

  /**
   * Whether the failure is the database's absence rather than the request's content: a connection
   * that broke or could not be made (SQLSTATE class 08), the server shutting down or not yet
   * accepting (57P01–57P03), or no connection to be had from the pool in time.
   */
  static boolean databaseUnreachable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof ConnectionException
          || t instanceof CannotCreateTransactionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
    }
    return false;
  }
}
