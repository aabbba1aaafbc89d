package dev.gantry.discovery.etcd;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Every etcd call is bounded: discovery must never hold a request thread or startup hostage. */
final class EtcdTimeouts {
  static final Duration CALL = Duration.ofSeconds(2);

  private EtcdTimeouts() {}

  static <T> T await(CompletableFuture<T> future) throws EtcdUnavailableException {
    try {
      return future.get(CALL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new EtcdUnavailableException(e);
    } catch (ExecutionException | TimeoutException e) {
      future.cancel(true);
      throw new EtcdUnavailableException(e instanceof ExecutionException ? e.getCause() : e);
    }
  }

  static final class EtcdUnavailableException extends Exception {
    EtcdUnavailableException(Throwable cause) {
      super(cause.toString(), cause);
    }
  }
}
