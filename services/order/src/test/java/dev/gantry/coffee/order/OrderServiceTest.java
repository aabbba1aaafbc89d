package dev.gantry.coffee.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.coffee.contract.OrderPlaced;
import dev.gantry.coffee.contract.OrderStatusChanged;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.coffee.order.api.OrderController;
import dev.gantry.coffee.order.api.OrderView;
import dev.gantry.coffee.order.persistence.OrderRepository;
import dev.gantry.runtime.messaging.EventHeaders;
import dev.gantry.runtime.messaging.OutboxRepository;
import dev.gantry.testing.KafkaBroker;
import dev.gantry.testing.KafkaProbe;
import dev.gantry.testing.PostgresServer;
import dev.gantry.testing.ServiceProcess;
import dev.gantry.testing.TokenIssuer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** order in-process against a real Kafka broker and the real member service (its own process). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderServiceTest implements TestPropertyProvider {
  private KafkaBroker kafka;
  private ServiceProcess member;
  // signs with member's own key: the tokens member and this issuer make verify alike
  private final TokenIssuer issuer = TokenIssuer.start();
  private final String staff = issuer.token("staff", "STAFF");
  private KafkaProbe probe;

  @Inject
  @Client("/")
  HttpClient http;

  @Inject OrderRepository orders;

  @Inject OutboxRepository outbox;

  @Inject IdempotencyKeySweeper sweeper;

  private String databaseUrl;

  @Override
  public Map<String, String> getProperties() {
    kafka = KafkaBroker.start();
    kafka.createTopics(
        Topics.ORDER_PLACED,
        Topics.ORDER_STATUS,
        EventHeaders.deadLetterTopic(Topics.ORDER_STATUS));
    member =
        ServiceProcess.start(
            "member",
            Map.of(
                "GANTRY_ETCD_ENDPOINTS",
                "",
                "MEMBER_TOKENS_PRIVATE_KEY",
                issuer.privateKeyPem(),
                "MEMBER_PASSWORDS_ITERATIONS",
                "10000"));
    probe =
        KafkaProbe.watch(
            kafka.bootstrapServers(),
            Topics.ORDER_PLACED,
            EventHeaders.deadLetterTopic(Topics.ORDER_STATUS));
    Map<String, String> properties =
        new HashMap<>(PostgresServer.shared().newDatabaseProperties("order"));
    databaseUrl = properties.get("datasources.default.url");
    properties.putAll(
        Map.of(
            "kafka.bootstrap.servers",
            kafka.bootstrapServers(),
            "micronaut.http.services.member.url",
            member.baseUrl(),
            "gantry.service.name",
            "order",
            "gantry.etcd.endpoints",
            "",
            "coffee.tokens.jwks-url",
            member.baseUrl() + "/keys"));
    return properties;
  }

  @AfterAll
  void stopServers() {
    probe.close();
    member.close();
    kafka.close();
    issuer.close();
  }

  private String newMember(String status) throws Exception {
    try (HttpClient memberHttp = HttpClient.create(new URL(member.baseUrl()))) {
      String email = UUID.randomUUID() + "@example.org";
      Map<?, ?> created =
          memberHttp
              .toBlocking()
              .retrieve(
                  HttpRequest.POST(
                      "/members",
                      Map.of("name", "Test", "email", email, "password", "a long password")),
                  Map.class);
      String id = (String) created.get("id");
      if (!"ACTIVE".equals(status)) {
        memberHttp
            .toBlocking()
            .retrieve(
                HttpRequest.PUT(
                        "/members/" + id, Map.of("name", "Test", "email", email, "status", status))
                    .bearerAuth(staff),
                Map.class);
      }
      return id;
    }
  }

  private OrderView place(String memberId, String item) {
    HttpResponse<OrderView> response =
        http.toBlocking()
            .exchange(
                HttpRequest.POST(
                        "/orders", Map.of("memberId", memberId, "item", item, "quantity", 1))
                    .bearerAuth(issuer.token(memberId, "MEMBER")),
                OrderView.class);
    assertThat(response.code()).isEqualTo(201);
    return response.body();
  }

  private OrderView get(String id) {
    return http.toBlocking()
        .retrieve(HttpRequest.GET("/orders/" + id).bearerAuth(staff), OrderView.class);
  }

  private void status(String orderId, String status, String eventId, String reason) {
    String payload =
        "{\"orderId\":\""
            + orderId
            + "\",\"memberId\":\"m-1\",\"status\":\""
            + status
            + "\""
            + (reason != null ? ",\"reason\":\"" + reason + "\"" : "")
            + "}";
    probe.send(
        Topics.ORDER_STATUS,
        orderId,
        payload,
        Map.of(EventHeaders.ID, eventId, EventHeaders.TYPE, OrderStatusChanged.TYPE));
  }

  @Test
  void placesAnOrderAndPublishesOrderPlacedWithTraceContext() throws Exception {
    OrderView order = place(newMember("ACTIVE"), "latte");
    assertThat(order.status()).isEqualTo(OrderStatus.PLACED);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                probe.records(Topics.ORDER_PLACED).stream()
                    .anyMatch(r -> order.id().equals(r.key())));
    ConsumerRecord<String, String> placed =
        probe.records(Topics.ORDER_PLACED).stream()
            .filter(r -> order.id().equals(r.key()))
            .findFirst()
            .orElseThrow();
    assertThat(KafkaProbe.header(placed, EventHeaders.ID)).isNotBlank();
    assertThat(KafkaProbe.header(placed, EventHeaders.TYPE)).isEqualTo(OrderPlaced.TYPE);
    assertThat(KafkaProbe.header(placed, EventHeaders.TRACEPARENT))
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    assertThat(placed.value())
        .contains("\"orderId\":\"" + order.id() + "\"", "\"item\":\"latte\"", "\"quantity\":1");
    await().atMost(Duration.ofSeconds(5)).until(() -> outbox.count() == 0);
  }

  private HttpResponse<OrderView> placeWithKey(String memberId, String item, String key) {
    return http.toBlocking()
        .exchange(
            HttpRequest.POST("/orders", Map.of("memberId", memberId, "item", item, "quantity", 1))
                .header(OrderController.IDEMPOTENCY_KEY, key)
                .bearerAuth(issuer.token(memberId, "MEMBER")),
            OrderView.class);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyAnswersWithTheFirstOrderAndPlacesNoSecond() throws Exception {
    String memberId = newMember("ACTIVE");
    String key = UUID.randomUUID().toString();
    HttpResponse<OrderView> first = placeWithKey(memberId, "latte", key);
    HttpResponse<OrderView> retry = placeWithKey(memberId, "latte", key);

    assertThat(first.code()).isEqualTo(201);
    assertThat(first.header(OrderController.IDEMPOTENT_REPLAYED)).isNull();
    assertThat(retry.code()).isEqualTo(201);
    assertThat(retry.header(OrderController.IDEMPOTENT_REPLAYED)).isEqualTo("true");
    assertThat(retry.body().id()).isEqualTo(first.body().id());
    assertThat(retry.header("Location")).isEqualTo("/orders/" + first.body().id());
    assertThat(orders.findByMemberIdOrderByCreatedAtDesc(memberId)).hasSize(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> outbox.count() == 0);
    assertThat(probe.records(Topics.ORDER_PLACED))
        .filteredOn(r -> first.body().id().equals(r.key()))
        .hasSize(1);
  }

  @Test
  void requestsRacingWithOneIdempotencyKeyPlaceOneOrder() throws Exception {
    String memberId = newMember("ACTIVE");
    String key = UUID.randomUUID().toString();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<OrderView>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(clients.submit(() -> placeWithKey(memberId, "mocha", key)));
      }
      Set<String> ids = new HashSet<>();
      for (Future<HttpResponse<OrderView>> answer : answers) {
        HttpResponse<OrderView> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.code()).isEqualTo(201);
        ids.add(response.body().id());
      }
      assertThat(ids).hasSize(1);
    } finally {
      clients.shutdownNow();
    }
    assertThat(orders.findByMemberIdOrderByCreatedAtDesc(memberId)).hasSize(1);
  }

  @Test
  void forgetsIdempotencyKeysPastTheirRetentionAndKeepsRecentOnes() throws Exception {
    String memberId = newMember("ACTIVE");
    String old = UUID.randomUUID().toString();
    String recent = UUID.randomUUID().toString();
    placeWithKey(memberId, "latte", old);
    placeWithKey(memberId, "latte", recent);
    try (Connection db = DriverManager.getConnection(databaseUrl, PostgresServer.USER, "");
        PreparedStatement age =
            db.prepareStatement(
                "UPDATE idempotency_keys SET created_at = created_at - INTERVAL '25 hours'"
                    + " WHERE idempotency_key = ?")) {
      age.setString(1, old);
      assertThat(age.executeUpdate()).isEqualTo(1);
    }

    assertThat(sweeper.sweep()).isEqualTo(1);

    assertThat(placeWithKey(memberId, "latte", recent).header(OrderController.IDEMPOTENT_REPLAYED))
        .isEqualTo("true");
    assertThat(placeWithKey(memberId, "latte", old).header(OrderController.IDEMPOTENT_REPLAYED))
        .as("a key past retention places a new order")
        .isNull();
  }

  @Test
  void refusesAnIdempotencyKeyReusedForADifferentOrderOrMalformed() throws Exception {
    String memberId = newMember("ACTIVE");
    String key = UUID.randomUUID().toString();
    placeWithKey(memberId, "latte", key);
    assertThatThrownBy(() -> placeWithKey(memberId, "espresso", key))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(422);
              assertThat(e.getResponse().getBody(String.class).orElseThrow())
                  .contains("\"field\":\"Idempotency-Key\"", "already used for a different order");
            });
    assertThatThrownBy(() -> placeWithKey(memberId, "latte", "x".repeat(201)))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getResponse().getBody(String.class).orElseThrow())
                  .contains("\"field\":\"Idempotency-Key\"");
            });
    assertThat(orders.findByMemberIdOrderByCreatedAtDesc(memberId)).hasSize(1);
  }

  @Test
  void refusesInvalidOrdersNamingEachFieldAndStoresNothing() {
    long before = orders.count();
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.POST(
                                "/orders", Map.of("memberId", "", "item", "Latte!", "quantity", 0))
                            .bearerAuth(staff),
                        String.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getResponse().getBody(String.class).orElseThrow())
                  .contains(
                      "\"field\":\"memberId\"", "\"field\":\"item\"", "\"field\":\"quantity\"");
            });
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.POST("/orders", "{\"memberId\": \"x\", \"item\": ")
                            .contentType("application/json")
                            .bearerAuth(staff),
                        String.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.POST(
                                "/orders",
                                Map.of("memberId", "x", "item", "latte", "quantity", "two"))
                            .bearerAuth(staff),
                        String.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(400));
    assertThat(orders.count()).isEqualTo(before);
  }

  @Test
  void aMembersTokenPlacesAndReadsOnlyItsOwnOrders() throws Exception {
    String ada = newMember("ACTIVE");
    String bo = newMember("ACTIVE");
    OrderView adas = place(ada, "latte");
    long before = orders.count();
    String bos = issuer.token(bo, "MEMBER");

    assertRefused(
        () ->
            http.toBlocking()
                .exchange(
                    HttpRequest.POST(
                            "/orders", Map.of("memberId", ada, "item", "latte", "quantity", 1))
                        .bearerAuth(bos)),
        403,
        "it may order only for itself");
    assertRefused(
        () -> http.toBlocking().exchange(HttpRequest.GET("/orders/" + adas.id()).bearerAuth(bos)),
        403,
        "it may read only its own orders");
    assertRefused(
        () ->
            http.toBlocking().exchange(HttpRequest.GET("/orders?memberId=" + ada).bearerAuth(bos)),
        403,
        "it may read only its own orders");
    assertRefused(
        () ->
            http.toBlocking()
                .exchange(
                    HttpRequest.POST(
                        "/orders", Map.of("memberId", ada, "item", "latte", "quantity", 1))),
        401,
        "Authorization: Bearer");
    assertRefused(
        () -> http.toBlocking().exchange(HttpRequest.GET("/orders/" + adas.id())), 401, "Sign in");
    assertThat(orders.count()).isEqualTo(before);
    assertThat(
            http.toBlocking()
                .retrieve(
                    HttpRequest.GET("/orders?memberId=" + ada)
                        .bearerAuth(issuer.token(ada, "MEMBER")),
                    OrderView[].class))
        .extracting(OrderView::id)
        .containsExactly(adas.id());
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(status);
              assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains(message);
            });
  }

  @Test
  void refusesUnknownAndSuspendedMembersWithoutStoringAnOrder() throws Exception {
    long before = orders.count();
    String suspended = newMember("SUSPENDED");
    assertThatThrownBy(() -> place(UUID.randomUUID().toString(), "latte"))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(422);
              assertThat(e.getResponse().getBody(String.class).orElseThrow())
                  .contains("no such member");
            });
    assertThatThrownBy(() -> place(suspended, "latte"))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(422);
              assertThat(e.getResponse().getBody(String.class).orElseThrow())
                  .contains("member is not active");
            });
    assertThat(orders.count()).isEqualTo(before);
  }

  @Test
  void appliesEachBaristaStatusOnceEvenWhenRedelivered() throws Exception {
    OrderView order = place(newMember("ACTIVE"), "espresso");
    String brewing = UUID.randomUUID().toString();
    status(order.id(), "BREWING", brewing, null);
    status(order.id(), "BREWING", brewing, null);
    String ready = UUID.randomUUID().toString();
    status(order.id(), "READY", ready, null);
    status(order.id(), "READY", ready, null);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(order.id()).status() == OrderStatus.READY);
    assertThat(get(order.id()).history())
        .extracting(OrderView.Step::status)
        .containsExactly(OrderStatus.PLACED, OrderStatus.BREWING, OrderStatus.READY);
  }

  @Test
  void rejectionCancelsTheOrderAndNothingMovesItAfterwards() throws Exception {
    OrderView order = place(newMember("ACTIVE"), "mocha");
    status(order.id(), "REJECTED", UUID.randomUUID().toString(), "out of chocolate");
    status(order.id(), "READY", UUID.randomUUID().toString(), null);
    String marker = place(newMember("ACTIVE"), "latte").id();
    status(marker, "BREWING", UUID.randomUUID().toString(), null);

    // the marker's event comes after the late READY on the same topic; once it is applied, so is
    // the READY
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                get(marker).status() == OrderStatus.BREWING
                    && get(order.id()).status() == OrderStatus.CANCELLED);
    OrderView cancelled = get(order.id());
    assertThat(cancelled.reason()).isEqualTo("out of chocolate");
    assertThat(cancelled.history())
        .extracting(OrderView.Step::status)
        .containsExactly(OrderStatus.PLACED, OrderStatus.CANCELLED);
  }

  @Test
  void parksPoisonMessagesOnTheDeadLetterTopicAndCarriesOn() throws Exception {
    String dlt = EventHeaders.deadLetterTopic(Topics.ORDER_STATUS);
    String key = "poison-" + UUID.randomUUID();
    probe.send(
        Topics.ORDER_STATUS,
        key,
        "{not json",
        Map.of(EventHeaders.ID, UUID.randomUUID().toString(), EventHeaders.TYPE, "x"));
    probe.send(Topics.ORDER_STATUS, key, "{\"orderId\":\"o\",\"status\":\"READY\"}", Map.of());
    OrderView order = place(newMember("ACTIVE"), "latte");
    status(order.id(), "READY", UUID.randomUUID().toString(), null);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> probe.records(dlt).stream().filter(r -> key.equals(r.key())).count() == 2);
    assertThat(probe.records(dlt).stream().filter(r -> key.equals(r.key())))
        .allSatisfy(
            r -> {
              assertThat(KafkaProbe.header(r, EventHeaders.DLT_ERROR_MESSAGE)).isNotBlank();
              assertThat(KafkaProbe.header(r, EventHeaders.DLT_ORIGINAL_TOPIC))
                  .isEqualTo(Topics.ORDER_STATUS);
              assertThat(KafkaProbe.header(r, EventHeaders.DLT_CONSUMER)).isEqualTo("order");
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(order.id()).status() == OrderStatus.READY);
  }
}
