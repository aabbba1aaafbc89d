package dev.gantry.coffee.member.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MemberRepository extends PageableRepository<Member, String> {
  boolean existsByEmail(String email);

  boolean existsByEmailAndIdNotEqual(String email, String id);

  Optional<Member> findByEmail(String email);
}
