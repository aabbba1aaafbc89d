package dev.gantry.coffee.order.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StatusChangeRepository extends CrudRepository<StatusChange, Long> {
  List<StatusChange> findByOrderIdOrderById(String orderId);

  List<StatusChange> findByOrderIdInOrderById(List<String> orderIds);
}
