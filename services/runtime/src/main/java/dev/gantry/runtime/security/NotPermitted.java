package dev.gantry.runtime.security;

/** The caller is signed in but may not do this; answered 403 with the message. */
public class NotPermitted extends RuntimeException {
  public NotPermitted(String message) {
    super(message, null, false, false);
  }
}
