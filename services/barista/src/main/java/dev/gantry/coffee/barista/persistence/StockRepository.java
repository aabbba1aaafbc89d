package dev.gantry.coffee.barista.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StockRepository extends CrudRepository<StockLevel, String> {

  /**
   * Locks the given ingredients' rows for the rest of the transaction, always in the same order, so
   * two brews of overlapping recipes never deadlock, and brews of disjoint ones never wait.
   */
  @Query("SELECT * FROM stock WHERE ingredient IN (:ingredients) ORDER BY ingredient FOR UPDATE")
  List<StockLevel> lock(Collection<String> ingredients);

  List<StockLevel> findAllOrderByIngredient();
}
