package dev.gantry.coffee.barista.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StockRepository extends CrudRepository<StockLevel, String> {

  /**
   * Every stock row, locked until the transaction ends: two brews never take the same last unit.
   */
  @Query("SELECT * FROM stock ORDER BY ingredient FOR UPDATE")
  List<StockLevel> lockAll();

  List<StockLevel> findAllOrderByIngredient();
}
