package dev.gantry.coffee.notification;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The notification service: tells each member, as it happens, how their orders are doing. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "notification",
            version = "1.0",
            description = "Order status updates per member, over server-sent events"))
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
