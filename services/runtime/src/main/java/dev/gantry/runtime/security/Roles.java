package dev.gantry.runtime.security;

/** The roles a coffee-shop token carries in its {@code roles} claim. */
public final class Roles {
  /** A registered member: reads and changes only its own data. */
  public static final String MEMBER = "MEMBER";

  /** Shop staff: reads every member's data and restocks. */
  public static final String STAFF = "STAFF";

  private Roles() {}
}
