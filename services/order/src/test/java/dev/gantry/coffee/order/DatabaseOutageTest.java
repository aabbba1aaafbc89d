package dev.gantry.coffee.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.testing.FreePorts;
import dev.gantry.testing.PostgresServer;
import dev.gantry.testing.TokenIssuer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order service while its PostgreSQL is stopped and after it returns: 503 with Retry-After in
 * the documented shape (not a 500: the same request may be sent again), then answers as before
 * without a restart of its own — its pool lets go of the connections the stopped server cut.
 */
class DatabaseOutageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private String bearer;

  @Test
  void answers503WhileTheDatabaseIsAwayAndServesAgainWhenItReturns() throws Exception {
    Path dir = Files.createTempDirectory("gantry-order-outage-");
    int port = FreePorts.next();
    PostgresServer database = PostgresServer.start(dir, port);
    Map<String, Object> properties = new HashMap<>(database.newDatabaseProperties("order"));
    properties.putAll(
        Map.of(
            "kafka.enabled", "false",
            "gantry.outbox.enabled", "false",
            "gantry.etcd.endpoints", "",
            "datasources.default.connection-timeout", "1000"));
    TokenIssuer issuer = TokenIssuer.start();
    properties.put("coffee.tokens.jwks-url", issuer.jwksUrl());
    bearer = issuer.bearer("staff", "STAFF");
    try (EmbeddedServer order = ApplicationContext.run(EmbeddedServer.class, properties)) {
      URI missing = order.getURI().resolve("/orders/no-such-order");
      assertThat(get(missing).statusCode()).isEqualTo(404);

      database.stop();
      HttpResponse<String> away = get(missing);
      assertThat(away.statusCode()).as(away.body()).isEqualTo(503);
      assertThat(away.headers().firstValue("Retry-After")).contains("1");
      var body = JSON.readTree(away.body());
      assertThat(body.get("message").asText())
          .startsWith("The database is unavailable right now; send the same request again shortly");
      assertThat(body.get("errors").isArray()).isTrue();

      database = PostgresServer.start(dir, port);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> get(missing).statusCode() == 404);
    } finally {
      database.close();
      issuer.close();
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .header("Authorization", bearer)
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
