package dev.gantry.coffee.order.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IdempotencyKeyRepository extends GenericRepository<IdempotencyKey, String> {
  /**
   * Claims the key for a new order; 0 when it is taken. A concurrent claim of the same key waits
   * for the first transaction, then sees it taken.
   */
  @Query(
      "INSERT INTO idempotency_keys (member_id, idempotency_key, request_hash, order_id, created_at)"
          + " VALUES (:memberId, :key, :requestHash, :orderId, :createdAt) ON CONFLICT DO NOTHING")
  int claim(String memberId, String key, String requestHash, String orderId, Instant createdAt);

  @Query("SELECT * FROM idempotency_keys WHERE member_id = :memberId AND idempotency_key = :key")
  Optional<IdempotencyKey> find(String memberId, String key);

  @Query("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
  int deleteOlderThan(Instant cutoff);
}
