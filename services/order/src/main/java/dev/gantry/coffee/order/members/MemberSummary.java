package dev.gantry.coffee.order.members;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The part of member's {@code MemberView} that order reads; the contract test holds member to it.
 */
@Serdeable
public record MemberSummary(String id, String status) {
  public boolean mayOrder() {
    return "ACTIVE".equals(status);
  }
}
