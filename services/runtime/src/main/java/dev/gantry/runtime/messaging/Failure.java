package dev.gantry.runtime.messaging;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import io.micronaut.transaction.exceptions.TransactionSystemException;
import io.micronaut.transaction.exceptions.TransactionTimedOutException;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * What a consumer's failure says about the event: whether it can ever be applied. Only poison and
 * defects reach the dead-letter topic; a database or broker that is briefly away is waited for.
 */
public enum Failure {
  /** The event itself is wrong (unreadable, invalid): no retry can apply it. */
  POISON,
  /** The infrastructure failed (database, broker, network, timeout): the event is good, retry. */
  TRANSIENT,
  /** Anything else: a defect in the handler. Retried a few times, then parked for a human. */
  DEFECT;

  /** The kind of the {@linkplain #decisiveCause decisive cause}. */
  public static Failure of(Throwable error) {
    Failure kind = kindOf(decisiveCause(error));
    return kind == null ? DEFECT : kind;
  }

  /** The first cause in the chain that says what kind of failure this is, else the error itself. */
  public static Throwable decisiveCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (kindOf(t) != null) {
        return t;
      }
    }
    return error;
  }

  private static Failure kindOf(Throwable t) {
    if (t instanceof PoisonMessageException
        || t instanceof SerdeException
        || t instanceof ConstraintViolationException) {
      return POISON;
    }
    if (t instanceof SQLException
        || t instanceof IOException
        || t instanceof TimeoutException
        || t instanceof RetriableException
        || t instanceof ConnectionException
        || t instanceof CannotCreateTransactionException
        || t instanceof TransactionSystemException
        || t instanceof TransactionTimedOutException) {
      return TRANSIENT;
    }
    return null;
  }
}
