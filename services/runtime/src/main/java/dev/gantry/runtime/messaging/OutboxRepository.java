package dev.gantry.runtime.messaging;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends CrudRepository<OutboxMessage, Long> {
  /** The advisory-lock key of the outbox lease (each service has a database of its own). */
  long LEASE = 0x6761_6e74_7279L;

  /** Takes the outbox lease until the current transaction ends; false when another holds it. */
  @Query("SELECT pg_try_advisory_xact_lock(:lease)")
  boolean tryLease(long lease);

  @Query("SELECT * FROM outbox ORDER BY id LIMIT :limit")
  List<OutboxMessage> oldest(int limit);

  void deleteByIdIn(List<Long> ids);
}
