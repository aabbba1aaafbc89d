package dev.gantry.runtime.security;

import io.micronaut.security.authentication.Authentication;

/**
 * Whose data a caller may see: a member's token (its subject is the member's id) reaches only that
 * member's data, a staff token every member's. A refusal is a {@link NotPermitted}, answered 403.
 */
public final class MemberAccess {
  private MemberAccess() {}

  public static boolean allows(Authentication caller, String memberId) {
    return caller.getName().equals(memberId) || isStaff(caller);
  }

  public static boolean isStaff(Authentication caller) {
    return caller.getRoles().contains(Roles.STAFF);
  }

  /**
   * Refuses unless {@code caller} is member {@code memberId} or staff.
   *
   * @param what what was asked, as in "it may read only its own orders"
   */
  public static void check(Authentication caller, String memberId, String what) {
    if (!allows(caller, memberId)) {
      throw new NotPermitted("this token is member " + caller.getName() + "'s: " + what);
    }
  }

  /** Refuses unless {@code caller} is staff. */
  public static void checkStaff(Authentication caller, String what) {
    if (!isStaff(caller)) {
      throw new NotPermitted("only staff " + what);
    }
  }
}
