package dev.gantry.runtime.messaging;

/**
 * A message that no retry can apply (malformed, unknown type, invalid content): it goes to the
 * dead-letter topic.
 */
public class PoisonMessageException extends RuntimeException {
  public PoisonMessageException(String message) {
    super(message);
  }

  public PoisonMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
