package dev.gantry.coffee.member;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The member service: who may order, and whether they currently may. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "member",
            version = "1.0",
            description = "Coffee-shop members and their status"))
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
