package dev.gantry.runtime.messaging;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** SQL is PostgreSQL's; the embedded H2 runs in PostgreSQL mode. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends CrudRepository<OutboxMessage, Long> {

  @Query("SELECT * FROM outbox ORDER BY id LIMIT :limit")
  List<OutboxMessage> oldest(int limit);

  void deleteByIdIn(List<Long> ids);
}
