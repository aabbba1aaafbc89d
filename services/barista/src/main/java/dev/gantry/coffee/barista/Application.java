package dev.gantry.coffee.barista;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The barista: brews what is ordered while stock lasts, and says how it is going. */
@OpenAPIDefinition(
    info = @Info(title = "barista", version = "1.0", description = "Ingredient stock and brewing"))
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
