package dev.gantry.runtime.messaging;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProcessedEventRepository extends CrudRepository<ProcessedEvent, String> {
  /**
   * Records the event as processed in one statement; 0 when it already was. A concurrent delivery
   * of the same event waits for the first transaction, then sees it recorded.
   */
  @Query(
      "INSERT INTO processed_events (id, processed_at) VALUES (:id, :processedAt)"
          + " ON CONFLICT DO NOTHING")
  int record(String id, Instant processedAt);
}
