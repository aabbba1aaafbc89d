package dev.gantry.coffee.member.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MemberRepository extends PageableRepository<Member, String> {
  boolean existsByEmail(String email);

  boolean existsByEmailAndIdNotEqual(String email, String id);

  Optional<Member> findByEmail(String email);

  /**
   * Makes {@code email} a staff account with this password in one statement: a new member, or the
   * one registered with that email made staff. Replicas starting together cannot both insert it.
   */
  @Query(
      """
      INSERT INTO members (id, name, email, status, created_at, password_hash, role, version)
      VALUES (:id, 'Staff', :email, 'ACTIVE', :createdAt, :passwordHash, 'STAFF', 0)
      ON CONFLICT (email) DO UPDATE
        SET password_hash = EXCLUDED.password_hash, role = 'STAFF', version = members.version + 1
      """)
  void upsertStaff(String id, String email, Instant createdAt, String passwordHash);
}
