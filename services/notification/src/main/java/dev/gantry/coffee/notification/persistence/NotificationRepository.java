package dev.gantry.coffee.notification.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationRepository extends CrudRepository<Notification, Long> {

  @Query(
      "SELECT * FROM notifications WHERE member_id = :memberId AND id > :after ORDER BY id LIMIT :limit")
  List<Notification> after(String memberId, long after, int limit);

  @Query(
      "SELECT * FROM (SELECT * FROM notifications WHERE member_id = :memberId ORDER BY id DESC LIMIT :limit) recent ORDER BY id")
  List<Notification> latest(String memberId, int limit);

  /** Every member's notifications stored after {@code after}, for a feed that reconnected. */
  @Query("SELECT * FROM notifications WHERE id > :after ORDER BY id LIMIT :limit")
  List<Notification> storedAfter(long after, int limit);

  @Query("SELECT COALESCE(MAX(id), 0) FROM notifications")
  long lastId();
}
