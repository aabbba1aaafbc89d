package dev.gantry.coffee.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.testing.FreePorts;
import dev.gantry.testing.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code hack/coffee-shop.sh}, the README's command, as a user runs it: start the shop, place an
 * order and see it READY, kill a component and see the runner bring it back with its data while the
 * others keep serving, then stop everything — a process that ignores SIGTERM too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Path script =
      ServiceProcess.servicesDir().getParent().resolve("hack/coffee-shop.sh");
  private Path runDir;
  private Path output;
  private Map<String, String> environment;
  private Process runner;
  private int member;
  private int order;
  private int barista;
  private int notification;
  private int postgresPort;
  // the member whose orders a test places and reads, signed in through member's POST /login
  private String bearer;

  @BeforeAll
  void startTheShop() throws Exception {
    runDir = Files.createTempDirectory("gantry-coffee-shop-run-");
    output = runDir.resolveSibling(runDir.getFileName() + ".out");
    int portBase = FreePorts.run(4);
    member = portBase;
    order = portBase + 1;
    barista = portBase + 2;
    notification = portBase + 3;
    postgresPort = FreePorts.next();
    environment =
        Map.of(
            "COFFEE_SHOP_RUN_DIR", runDir.toString(),
            "COFFEE_SHOP_PORT_BASE", String.valueOf(portBase),
            "POSTGRES_PORT", String.valueOf(postgresPort),
            "ETCD_PORT", String.valueOf(FreePorts.run(2)),
            "KAFKA_PORT", String.valueOf(FreePorts.next()),
            "BARISTA_BREW_TIME", "0s",
            "COFFEE_SHOP_STOP_GRACE", "5");
    runner = command("--no-build").redirectOutput(output.toFile()).start();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(runner.isAlive()).as("runner alive; see %s", output).isTrue();
              return Files.readString(output).contains("The coffee shop is open");
            });
  }

  @AfterAll
  void stopTheShop() throws Exception {
    if (runner != null && runner.isAlive()) {
      command("stop").start().waitFor(60, TimeUnit.SECONDS);
      runner.destroyForcibly();
    }
  }

  @Test
  @Order(1)
  void placesAnOrderThatBecomesReadyAndIsToldToItsMember() {
    String memberId = newMember();
    // Every service reaches Kafka with its own user and ACLs: notification's reading in its
    // per-replica group shows in the member's stream.
    try (SseListener stream =
        new SseListener(
            "http://127.0.0.1:" + notification + "/members/" + memberId + "/notifications",
            bearer)) {
      await().atMost(Duration.ofSeconds(10)).until(stream::isOpen);
      String orderId = placeOrder(memberId);
      awaitReady(orderId);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  stream.statusEvents().stream()
                      .anyMatch(e -> "READY".equals(e.data().get("status").asText())));
    }
  }

  @Test
  @Order(2)
  void bringsAKilledComponentBackWithItsDataWhileTheOthersServe() throws Exception {
    String memberId = newMember();
    String before = placeOrder(memberId);
    awaitReady(before);
    long killed = pid("barista");

    assertThat(command("restart", "barista", "--kill").start().waitFor()).isZero();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> pid("barista") != killed && answers(barista, "/health/readiness"));
    assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    // PostgreSQL too: a fast shutdown and back, the orders still there
    long database = pid("postgres");
    assertThat(command("restart", "postgres").start().waitFor()).isZero();
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> pid("postgres") != database && listening(postgresPort));

    String after = placeOrder(memberId);
    awaitReady(after);
    assertThat(get(order, "/orders/" + before).get("status").asText()).isEqualTo("READY");
    assertThat(Files.readString(output)).contains("barista (pid " + killed + ") exited");
  }

  @Test
  @Order(3)
  void stopEndsEveryProcessItStarted() throws Exception {
    List<Long> pids = List.of(pid("postgres"), pid("etcd"), pid("kafka"), pid("order"));
    // a process that does not answer SIGTERM (stopped here) is killed after the grace period
    assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(pid("order"))).start().waitFor())
        .isZero();
    assertThat(command("stop").start().waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(runner.waitFor(1, TimeUnit.MINUTES)).isTrue();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("pid %d alive after stop", pid)
          .isFalse();
    }
  }

  private ProcessBuilder command(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    return builder;
  }

  private long pid(String component) throws IOException {
    return Long.parseLong(Files.readString(runDir.resolve(component + ".pid")).trim());
  }

  private String newMember() {
    String email = "runner-" + System.nanoTime() + "@example.org";
    String password = "a long runner password";
    String id =
        post(member, "/members", Map.of("name", "Runner", "email", email, "password", password))
            .get("id")
            .asText();
    HttpResponse<String> login =
        send(member, "/login", Map.of("username", email, "password", password), Map.of());
    assertThat(login.statusCode()).as("POST /login: %s", login.body()).isEqualTo(200);
    try {
      bearer = "Bearer " + JSON.readTree(login.body()).get("access_token").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return id;
  }

  /**
   * Places an order as a client should: with an Idempotency-Key, sending the same request again
   * while the shop answers 503 (a database or member service coming back), so a retry never places
   * a second order.
   */
  private String placeOrder(String memberId) {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("memberId", memberId, "item", "latte", "quantity", 1);
    AtomicReference<String> placed = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              HttpResponse<String> response =
                  send(
                      order,
                      "/orders",
                      body,
                      Map.of("Idempotency-Key", key, "Authorization", bearer));
              if (response.statusCode() == 503) {
                return false;
              }
              assertThat(response.statusCode())
                  .as("POST /orders: %s", response.body())
                  .isEqualTo(201);
              placed.set(JSON.readTree(response.body()).get("id").asText());
              return true;
            });
    return placed.get();
  }

  private void awaitReady(String orderId) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "READY".equals(get(order, "/orders/" + orderId).get("status").asText()));
  }

  private JsonNode post(int port, String path, Object body) {
    HttpResponse<String> response = send(port, path, body, Map.of());
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(201);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(
      int port, String path, Object body, Map<String, String> headers) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      headers.forEach(request::header);
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", bearer)
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private boolean answers(int port, String path) {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The first of {@code count} consecutive free loopback ports. */
  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
