package dev.gantry.coffee.member.persistence;

import dev.gantry.coffee.member.MemberStatus;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

@MappedEntity("members")
public record Member(
    @Id String id,
    String name,
    String email,
    MemberStatus status,
    Instant createdAt,
    @Version Long version) {}
