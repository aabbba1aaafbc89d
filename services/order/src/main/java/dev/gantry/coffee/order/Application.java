package dev.gantry.coffee.order;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The order service: takes orders from members and follows them to READY or CANCELLED. */
@OpenAPIDefinition(
    info =
        @Info(title = "order", version = "1.0", description = "Coffee orders and their lifecycle"))
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
