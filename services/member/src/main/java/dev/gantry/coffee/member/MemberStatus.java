package dev.gantry.coffee.member;

/** Only an ACTIVE member may place orders. */
public enum MemberStatus {
  ACTIVE,
  SUSPENDED
}
