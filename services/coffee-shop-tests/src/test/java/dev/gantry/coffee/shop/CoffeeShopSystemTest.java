package dev.gantry.coffee.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.runtime.messaging.EventHeaders;
import dev.gantry.testing.KafkaProbe;
import dev.gantry.testing.ServiceProcess;
import io.etcd.jetcd.KeyValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four services as separate processes, found through etcd (registry mode, as in the local run),
 * talking over REST and a real Kafka broker. The disruptive scenarios run last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoffeeShopSystemTest {
  private static final Duration LEASE_TTL = Duration.ofSeconds(5);
  private CoffeeShop shop;
  private KafkaProbe probe;

  @BeforeAll
  void openShop() {
    shop =
        new CoffeeShop(
            Map.of(
                "BARISTA_BREW_TIME", "200ms",
                "BARISTA_INITIAL_STOCK_CHOCOLATE", "1",
                "BARISTA_INITIAL_STOCK_COFFEE_BEANS", "5000",
                "BARISTA_INITIAL_STOCK_MILK", "5000"));
    probe =
        KafkaProbe.watch(shop.kafka.bootstrapServers(), CoffeeShop.TOPICS.toArray(String[]::new));
  }

  @AfterAll
  void closeShop() {
    if (probe != null) {
      probe.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  private JsonNode awaitFinal(String orderId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              String status = shop.getOrder(orderId).get("status").asText();
              return status.equals("READY") || status.equals("CANCELLED");
            });
    return shop.getOrder(orderId);
  }

  private static List<String> history(JsonNode order) {
    return StreamSupport.stream(order.get("history").spliterator(), false)
        .map(step -> step.get("status").asText())
        .toList();
  }

  @Test
  @Order(1)
  void everyServiceRegistersItselfInEtcdWithRevisionAndVersion() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> shop.registered(null).size() == 4);
    JsonNode registry = shop.call("GET", shop.order.baseUrl() + "/registry", null, Map.of()).body();
    assertThat(registry.get("services").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("member", "order", "barista", "notification");
    JsonNode member = registry.get("services").get("member");
    assertThat(member.get("revisions").get("r1").get("versions").get(0).asText())
        .isEqualTo("1.0.0");
    assertThat(member.get("resolvesTo").get(0).get("uri").asText())
        .isEqualTo(shop.member.baseUrl());
  }

  @Test
  @Order(2)
  void anOrderGoesFromPlacedToReadyAcrossAllFourServicesWithOneTrace() throws Exception {
    String memberId = shop.newMember("ada");
    int beans = shop.stock("coffee-beans");
    try (SseListener stream =
        new SseListener(
            shop.notification.baseUrl() + "/members/" + memberId + "/notifications",
            shop.bearer(memberId))) {
      await().atMost(Duration.ofSeconds(5)).until(stream::isOpen);
      String traceId =
          "4bf92f3577b34da6a3ce929d0e0e" + String.format("%04x", (int) (Math.random() * 0xffff));
      CoffeeShop.Response placed =
          shop.call(
              "POST",
              shop.order.baseUrl() + "/orders",
              Map.of("memberId", memberId, "item", "latte", "quantity", 1),
              shop.as(memberId, Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")));
      assertThat(placed.status()).isEqualTo(201);
      String orderId = placed.body().get("id").asText();

      JsonNode ready = awaitFinal(orderId);
      assertThat(ready.get("status").asText()).isEqualTo("READY");
      assertThat(history(ready)).containsExactly("PLACED", "BREWING", "READY");
      assertThat(shop.stock("coffee-beans")).isEqualTo(beans - 1);

      await().atMost(Duration.ofSeconds(10)).until(() -> stream.statusEvents().size() >= 2);
      assertThat(stream.statusEvents())
          .extracting(e -> e.data().get("status").asText())
          .containsExactly("BREWING", "READY");
      assertThat(stream.statusEvents())
          .allSatisfy(e -> assertThat(e.data().get("orderId").asText()).isEqualTo(orderId));

      // W3C trace context: our traceparent reached order over HTTP, then barista through Kafka
      // headers
      assertThat(probe.records(Topics.ORDER_PLACED).stream().filter(r -> orderId.equals(r.key())))
          .singleElement()
          .satisfies(r -> assertThat(KafkaProbe.header(r, "traceparent")).contains(traceId));
      assertThat(probe.records(Topics.ORDER_STATUS).stream().filter(r -> orderId.equals(r.key())))
          .hasSize(2)
          .allSatisfy(r -> assertThat(KafkaProbe.header(r, "traceparent")).contains(traceId));
      // and the JSON logs carry it
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  Files.readString(shop.order.logFile(), StandardCharsets.UTF_8)
                      .contains("\"trace_id\":\"" + traceId + "\""));
    }
  }

  @Test
  @Order(3)
  void anOrderTheBaristaCannotMakeIsCancelled() {
    String memberId = shop.newMember("bo");
    try (SseListener stream =
        new SseListener(
            shop.notification.baseUrl() + "/members/" + memberId + "/notifications",
            shop.bearer(memberId))) {
      await().atMost(Duration.ofSeconds(5)).until(stream::isOpen);
      String first = shop.placeOrder(memberId, "mocha").body().get("id").asText();
      assertThat(awaitFinal(first).get("status").asText()).isEqualTo("READY");
      int beans = shop.stock("coffee-beans");

      String second = shop.placeOrder(memberId, "mocha").body().get("id").asText();
      JsonNode cancelled = awaitFinal(second);
      assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
      assertThat(cancelled.get("reason").asText()).isEqualTo("out of chocolate");
      assertThat(history(cancelled)).containsExactly("PLACED", "CANCELLED");
      assertThat(shop.stock("coffee-beans")).isEqualTo(beans);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  stream.statusEvents().stream()
                      .anyMatch(
                          e ->
                              e.data().get("orderId").asText().equals(second)
                                  && e.data().get("status").asText().equals("REJECTED")));
    }
  }

  /** One bad request per row: the status, the field named (or none) and what the message says. */
  static Stream<Arguments> badRequests() {
    String order = "{\"memberId\":\"m-1\",\"item\":\"latte\",\"quantity\":%s}";
    return Stream.of(
        bad(
            "order",
            "POST",
            "/orders",
            "{\"memberId\":\"\",\"item\":\"LATTE\",\"quantity\":11}",
            400,
            "item",
            "must be a menu item"),
        bad(
            "order",
            "POST",
            "/orders",
            order.formatted("1.5"),
            400,
            "quantity",
            "must be a whole number, not 1.5"),
        bad(
            "order",
            "POST",
            "/orders",
            order.formatted("\"2\""),
            400,
            "quantity",
            "must be a whole number"),
        bad(
            "order",
            "POST",
            "/orders",
            order.formatted("99999999999"),
            400,
            "quantity",
            "from -2147483648 to 2147483647"),
        bad(
            "order",
            "POST",
            "/orders",
            order.formatted("1").replace("}", ",\"size\":\"XL\"}"),
            400,
            "size",
            "is not a field of this request"),
        bad(
            "order",
            "POST",
            "/orders",
            "{\"memberId\":{},\"item\":\"latte\",\"quantity\":1}",
            400,
            "memberId",
            "cannot be read"),
        bad("order", "POST", "/orders", "{\"memberId\":", 400, null, "Invalid JSON"),
        bad("order", "POST", "/orders", "", 400, null, "A JSON body is required"),
        bad("order", "POST", "/orders", "[]", 400, null, "Invalid JSON body"),
        bad(
            "order",
            "POST",
            "/orders",
            "{\"memberId\":\"" + "x".repeat(70_000) + "\"}",
            413,
            null,
            "at most 64KB"),
        bad("order", "POST", "/orders", "text/plain:hello", 415, null, "send application/json"),
        bad("order", "PATCH", "/orders", "{}", 405, null, "not allowed"),
        bad("order", "GET", "/nothing", null, 404, null, "Nothing at GET /nothing"),
        bad("order", "GET", "/orders/no-such-order", null, 404, null, "no order no-such-order"),
        bad(
            "order",
            "POST",
            "/orders",
            "{\"memberId\":\"no-such-member\",\"item\":\"latte\",\"quantity\":1}",
            422,
            "memberId",
            "no such member"),
        bad(
            "member",
            "POST",
            "/members",
            "{\"name\":\"x\",\"email\":\"nope\"}",
            400,
            "email",
            "well-formed email"),
        bad(
            "member",
            "POST",
            "/members",
            "{\"name\":\"x\",\"email\":\"x@example.org\",\"admin\":true}",
            400,
            "admin",
            "is not a field"),
        bad("member", "GET", "/members?page=x", null, 400, "page", "cannot be read"),
        bad(
            "member",
            "GET",
            "/members/no-such-member",
            null,
            404,
            null,
            "no member no-such-member"),
        bad(
            "barista",
            "PUT",
            "/stock/milk",
            "{\"quantity\":1.5}",
            400,
            "quantity",
            "must be a whole number"),
        bad("barista", "PUT", "/stock/gold", "{\"quantity\":1}", 404, null, "no ingredient gold"));
  }

  private static Arguments bad(
      String service,
      String method,
      String path,
      String body,
      int status,
      String field,
      String message) {
    return Arguments.of(service, method, path, body, status, field, message);
  }

  @ParameterizedTest(name = "{0}: {1} {2} -> {4} {5}")
  @MethodSource("badRequests")
  @Order(4)
  void refusesBadRequestsInTheDocumentedShapeNamingWhatToFix(
      String service,
      String method,
      String path,
      String body,
      int status,
      String field,
      String message) {
    String url =
        switch (service) {
          case "order" -> shop.order.baseUrl();
          case "member" -> shop.member.baseUrl();
          default -> shop.barista.baseUrl();
        };
    Map<String, String> headers = Map.of();
    if (body != null && body.startsWith("text/plain:")) {
      headers = Map.of("Content-Type", "text/plain");
      body = body.substring("text/plain:".length());
    }
    CoffeeShop.Response response = shop.call(method, url + path, body, headers);
    assertThat(response.status()).as(response.raw()).isEqualTo(status);
    assertThat(response.body().get("message").asText()).as(response.raw()).isNotBlank();
    assertThat(response.body().get("errors").isArray()).as(response.raw()).isTrue();
    if (field == null) {
      assertThat(response.body().get("message").asText()).as(response.raw()).contains(message);
    } else {
      assertThat(response.body().get("errors"))
          .as(response.raw())
          .anySatisfy(
              e -> {
                assertThat(e.get("field").asText()).isEqualTo(field);
                assertThat(e.get("message").asText()).contains(message);
              });
    }
  }

  @Test
  @Order(5)
  void memberDownOpensTheCircuitWithAClear503AndOrdersResumeWhenItReturns() throws Exception {
    String memberId = shop.newMember("cy");
    shop.member.stop();
    try {
      CoffeeShop.Response refused = shop.placeOrder(memberId, "espresso");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body().get("message").asText()).startsWith("member service unavailable");

      // the breaker is open now: refused at once, without calling member
      long started = System.nanoTime();
      CoffeeShop.Response fast = shop.placeOrder(memberId, "espresso");
      assertThat(fast.status()).isEqualTo(503);
      assertThat(fast.body().get("message").asText()).contains("circuit open");
      // generous for a busy two-core machine; a closed breaker would retry with delays first
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    } finally {
      shop.member.restart();
    }
    // member's embedded database started empty again: a new member, then orders flow once the
    // breaker half-opens
    String returning = shop.newMember("cy-again");
    java.util.concurrent.atomic.AtomicReference<String> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                CoffeeShop.Response response = shop.placeOrder(returning, "espresso");
                last.set(response.status() + " " + response.raw());
                return response.status() == 201;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "orders not accepted again after member returned; last answer: " + last.get(), e);
    }
  }

  @Test
  @Order(6)
  void servicesKeepResolvingWhileEtcdIsDownAndRegisterAgainWithinTenSecondsOfItsReturn()
      throws Exception {
    String memberId = shop.newMember("di");
    shop.etcd.stop();
    try {
      CoffeeShop.Response placed = shop.placeOrder(memberId, "americano");
      assertThat(placed.status()).isEqualTo(201);
      assertThat(awaitFinal(placed.body().get("id").asText()).get("status").asText())
          .isEqualTo("READY");
    } finally {
      shop.etcd.restartEmpty();
    }
    long back = System.nanoTime();
    await().atMost(Duration.ofSeconds(10)).until(() -> shop.registered(null).size() == 4);
    System.out.printf(
        "all four services registered again %.1f s after etcd returned empty%n",
        (System.nanoTime() - back) / 1e9);
  }

  @Test
  @Order(7)
  void aCrashedInstanceDisappearsFromTheRegistryWithinTheLeaseTtl() throws Exception {
    ServiceProcess second =
        ServiceProcess.start(
            "member",
            shop.memberEnvironment(Map.of("GANTRY_REVISION", "r2", "GANTRY_VERSION", "1.1.0")));
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> shop.registered("member").size() == 2);
      second.kill();
      long killed = System.nanoTime();
      await()
          .atMost(LEASE_TTL.plusSeconds(1))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> shop.registered("member").size() == 1);
      System.out.printf(
          "crashed instance gone from etcd %.1f s after SIGKILL (lease TTL %ds)%n",
          (System.nanoTime() - killed) / 1e9, LEASE_TTL.toSeconds());
      KeyValue remaining = shop.registered("member").get(0);
      assertThat(remaining.getValue().toString(StandardCharsets.UTF_8))
          .contains("\"port\":" + shop.member.port());
    } finally {
      second.kill();
    }
  }

  @Test
  @Order(8)
  void anOrderAcceptedWhileKafkaIsDownIsPublishedWhenItReturns() {
    String memberId = shop.newMember("fay");
    shop.kafka.stop();
    String orderId;
    try {
      CoffeeShop.Response placed = shop.placeOrder(memberId, "latte");
      assertThat(placed.status()).isEqualTo(201);
      orderId = placed.body().get("id").asText();
      assertThat(
              shop.call("GET", shop.order.baseUrl() + "/health/readiness", null, Map.of()).status())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  shop.call("GET", shop.order.baseUrl() + "/prometheus", null, Map.of())
                      .raw()
                      .contains("gantry_outbox_pending 1.0"));
      assertThat(shop.getOrder(orderId).get("status").asText()).isEqualTo("PLACED");
    } finally {
      shop.kafka.restart();
    }
    assertThat(awaitFinal(orderId).get("status").asText()).isEqualTo("READY");
  }

  @Test
  @Order(9)
  void aKafkaRestartDuringAThousandOrdersLosesNoneAndAppliesNoneTwice() throws Exception {
    String memberId = shop.newMember("eve");
    int beans = shop.stock("coffee-beans");
    int total = 1000;
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> work = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      work.add(
          clients.submit(
              () -> {
                CoffeeShop.Response placed = shop.placeOrder(memberId, "espresso");
                if (placed.status() == 201) {
                  accepted.add(placed.body().get("id").asText());
                } else {
                  refused.incrementAndGet();
                }
              }));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= 300);
    shop.kafka.restart();
    for (Future<?> f : work) {
      f.get(120, TimeUnit.SECONDS);
    }
    clients.shutdown();
    assertThat(refused.get()).isZero();
    assertThat(accepted).hasSize(total);

    // every order reaches READY, through exactly PLACED -> BREWING -> READY
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                shop.stock("coffee-beans") == beans - total
                    && accepted.stream()
                        .allMatch(id -> "READY".equals(shop.getOrder(id).get("status").asText())));
    for (String id : accepted) {
      assertThat(history(shop.getOrder(id)))
          .as("history of %s", id)
          .containsExactly("PLACED", "BREWING", "READY");
    }
    // the barista took each order once: exactly one cup's beans per order
    assertThat(shop.stock("coffee-beans")).isEqualTo(beans - total);
    assertThat(probe.records(EventHeaders.deadLetterTopic(Topics.ORDER_PLACED))).isEmpty();
    assertThat(probe.records(EventHeaders.deadLetterTopic(Topics.ORDER_STATUS))).isEmpty();
  }

  @Test
  @Order(10)
  void aMembersTokenReachesOnlyItsOwnDataAndNoTokenReachesNothing() {
    String ada = shop.newMember("ada-private");
    String bo = shop.newMember("bo-private");
    CoffeeShop.Response placed = shop.placeOrder(ada, "espresso");
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    String adasOrder = placed.body().get("id").asText();
    Map<String, String> asBo = shop.as(bo, Map.of("Accept", "application/json"));
    Map<String, String> streamAsBo = shop.as(bo, Map.of("Accept", "text/event-stream"));
    String orders = shop.order.baseUrl() + "/orders";
    String adasStream = shop.notification.baseUrl() + "/members/" + ada + "/notifications";
    Map<String, Object> orderForAda = Map.of("memberId", ada, "item", "latte", "quantity", 1);

    record Refusal(
        String method, String url, Object body, Map<String, String> headers, int status) {}
    List<Refusal> refusals =
        List.of(
            new Refusal("GET", orders + "/" + adasOrder, null, asBo, 403),
            new Refusal("GET", orders + "?memberId=" + ada, null, asBo, 403),
            new Refusal("POST", orders, orderForAda, asBo, 403),
            new Refusal("GET", shop.member.baseUrl() + "/members/" + ada, null, asBo, 403),
            new Refusal("GET", shop.member.baseUrl() + "/members", null, asBo, 403),
            new Refusal("GET", adasStream, null, streamAsBo, 403),
            new Refusal(
                "PUT", shop.barista.baseUrl() + "/stock/milk", Map.of("quantity", 0), asBo, 403),
            new Refusal("GET", orders + "/" + adasOrder, null, CoffeeShop.ANONYMOUS, 401),
            new Refusal("POST", orders, orderForAda, CoffeeShop.ANONYMOUS, 401),
            new Refusal(
                "GET",
                adasStream,
                null,
                Map.of("Authorization", "", "Accept", "text/event-stream"),
                401),
            new Refusal(
                "GET", shop.member.baseUrl() + "/members/" + ada, null, CoffeeShop.ANONYMOUS, 401));
    for (Refusal refusal : refusals) {
      CoffeeShop.Response response =
          shop.call(refusal.method(), refusal.url(), refusal.body(), refusal.headers());
      assertThat(response.status())
          .as("%s %s: %s", refusal.method(), refusal.url(), response.raw())
          .isEqualTo(refusal.status());
      assertThat(response.body().get("message").asText()).isNotBlank();
    }
    assertThat(shop.call("GET", orders + "?memberId=" + ada, null, shop.as(ada, Map.of())).body())
        .extracting(order -> order.get("id").asText())
        .containsExactly(adasOrder);
    assertThat(shop.call("GET", orders + "?memberId=" + bo, null, asBo).body()).isEmpty();
  }
}
