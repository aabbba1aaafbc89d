package dev.gantry.coffee.barista.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BrewRepository extends CrudRepository<Brew, String> {

  @Query(
      "SELECT * FROM brews WHERE ready = FALSE AND ready_at <= :now ORDER BY ready_at LIMIT :limit FOR UPDATE")
  List<Brew> due(Instant now, int limit);
}
