package dev.gantry.bench.hello;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.Micronaut;

/** A bare Micronaut endpoint: what the coffee-shop endpoints are measured against. */
@Controller
public class Application {

  @Get(value = "/hello", produces = MediaType.TEXT_PLAIN)
  public String hello() {
    return "Hello";
  }

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
