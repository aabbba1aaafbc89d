package dev.gantry.discovery;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Provider;

/** Answers with the port it listens on, so a test can tell which instance served a call. */
@Controller("/whoami")
class WhoAmIController {
  private final Provider<EmbeddedServer> server;
  private final String service;

  WhoAmIController(
      Provider<EmbeddedServer> server, @Value("${gantry.service.name}") String service) {
    this.server = server;
    this.service = service;
  }

  @Get(produces = "text/plain")
  String whoami() {
    return service + ":" + server.get().getPort();
  }
}
