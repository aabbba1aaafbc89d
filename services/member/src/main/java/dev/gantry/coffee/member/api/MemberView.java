package dev.gantry.coffee.member.api;

import dev.gantry.coffee.member.MemberStatus;
import dev.gantry.coffee.member.persistence.Member;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A member as the API shows it (what order's client reads: id, status). */
@Serdeable
public record MemberView(
    String id, String name, String email, MemberStatus status, Instant createdAt) {
  static MemberView of(Member member) {
    return new MemberView(
        member.id(), member.name(), member.email(), member.status(), member.createdAt());
  }
}
