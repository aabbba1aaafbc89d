package dev.gantry.coffee.barista.api;

import dev.gantry.coffee.barista.Menu;
import dev.gantry.coffee.barista.persistence.StockLevel;
import dev.gantry.coffee.barista.persistence.StockRepository;
import dev.gantry.runtime.security.Roles;
import dev.gantry.runtime.web.ErrorResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Set;

/** The menu is public, stock levels are for signed-in callers, restocking is for staff. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class StockController {
  private final StockRepository stock;

  StockController(StockRepository stock) {
    this.stock = stock;
  }

  @Get("/stock")
  @Operation(summary = "Units of each ingredient on hand")
  public List<StockLevel> levels() {
    return stock.findAllOrderByIngredient();
  }

  @Get("/menu")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Operation(summary = "What can be ordered")
  public Set<String> menu() {
    return Menu.items();
  }

  @Put("/stock/{ingredient}")
  @Secured(Roles.STAFF)
  @Transactional
  @Operation(summary = "Set an ingredient's stock (restock)")
  @ApiResponse(responseCode = "200", description = "New level")
  @ApiResponse(responseCode = "400", description = "Invalid quantity")
  @ApiResponse(responseCode = "403", description = "Not a staff token")
  @ApiResponse(responseCode = "404", description = "Not an ingredient")
  public HttpResponse<?> restock(String ingredient, @Body @Valid Restock request) {
    if (!Menu.ingredients().contains(ingredient)) {
      return ErrorResponse.notFound(
          "no ingredient " + ingredient + "; the ingredients are " + Menu.ingredients());
    }
    StockLevel level = new StockLevel(ingredient, request.quantity());
    return HttpResponse.ok(stock.existsById(ingredient) ? stock.update(level) : stock.save(level));
  }
}
