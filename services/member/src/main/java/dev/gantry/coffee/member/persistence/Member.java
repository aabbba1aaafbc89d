package dev.gantry.coffee.member.persistence;

import dev.gantry.coffee.member.MemberStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * @param passwordHash {@link dev.gantry.coffee.member.security.PasswordHashing}'s encoding; none
 *     for a member registered before passwords, who cannot sign in
 * @param role {@link dev.gantry.runtime.security.Roles#MEMBER} or {@code STAFF}
 */
@MappedEntity("members")
public record Member(
    @Id String id,
    String name,
    String email,
    MemberStatus status,
    Instant createdAt,
    @Nullable String passwordHash,
    String role,
    @Version Long version) {

  public Member withProfile(String name, String email, MemberStatus status) {
    return new Member(id, name, email, status, createdAt, passwordHash, role, version);
  }
}
