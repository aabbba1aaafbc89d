package dev.gantry.coffee.barista;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.coffee.barista.persistence.StockLevel;
import dev.gantry.coffee.barista.persistence.StockRepository;
import dev.gantry.coffee.contract.OrderPlaced;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.runtime.messaging.EventHeaders;
import dev.gantry.runtime.messaging.EventProcessor;
import dev.gantry.testing.KafkaBroker;
import dev.gantry.testing.KafkaProbe;
import dev.gantry.testing.PostgresServer;
import dev.gantry.testing.TokenIssuer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The barista in-process against a real Kafka broker, brew time zero. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaristaServiceTest implements TestPropertyProvider {
  private static final String DLT = EventHeaders.deadLetterTopic(Topics.ORDER_PLACED);
  private KafkaBroker kafka;
  private KafkaProbe probe;
  private final TokenIssuer issuer = TokenIssuer.start();
  // the group the operator names (GANTRY_KAFKA_GROUP), the one its Kafka ACLs let it read in
  private static final String GROUP = "coffee-test.barista";

  @Inject StockRepository stock;
  @Inject EventProcessor processor;
  @Inject BaristaService barista;

  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    kafka = KafkaBroker.start();
    kafka.createTopics(Topics.ORDER_PLACED, Topics.ORDER_STATUS, DLT);
    probe = KafkaProbe.watch(kafka.bootstrapServers(), Topics.ORDER_STATUS, DLT);
    Map<String, String> properties =
        new HashMap<>(PostgresServer.shared().newDatabaseProperties("barista"));
    properties.putAll(
        Map.of(
            "kafka.bootstrap.servers", kafka.bootstrapServers(),
            "gantry.service.name", "barista",
            "gantry.etcd.endpoints", "",
            "barista.brew-time", "0s",
            "barista.initial-stock.chocolate", "1",
            "gantry.kafka.group", GROUP,
            "coffee.tokens.jwks-url", issuer.jwksUrl()));
    return properties;
  }

  @AfterAll
  void stopServers() {
    probe.close();
    kafka.close();
    issuer.close();
  }

  private String placed(String item, int quantity) {
    String orderId = UUID.randomUUID().toString();
    placedWithEventId(orderId, item, quantity, UUID.randomUUID().toString());
    return orderId;
  }

  private void placedWithEventId(String orderId, String item, int quantity, String eventId) {
    probe.send(
        Topics.ORDER_PLACED,
        orderId,
        "{\"orderId\":\""
            + orderId
            + "\",\"memberId\":\"m-1\",\"item\":\""
            + item
            + "\",\"quantity\":"
            + quantity
            + "}",
        Map.of(EventHeaders.ID, eventId, EventHeaders.TYPE, OrderPlaced.TYPE));
  }

  /** An order-placed record as a poll would hand it to the listener. */
  private static ConsumerRecord<String, String> polled(
      String orderId, String payload, long offset) {
    ConsumerRecord<String, String> record =
        new ConsumerRecord<>(Topics.ORDER_PLACED, 0, offset, orderId, payload);
    record.headers().add(EventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
    record.headers().add(EventHeaders.TYPE, OrderPlaced.TYPE.getBytes(UTF_8));
    return record;
  }

  private static String espresso(String orderId) {
    return "{\"orderId\":\""
        + orderId
        + "\",\"memberId\":\"m-1\",\"item\":\"espresso\",\"quantity\":1}";
  }

  private List<String> statuses(String orderId) {
    return probe.records(Topics.ORDER_STATUS).stream()
        .filter(r -> orderId.equals(r.key()))
        .map(ConsumerRecord::value)
        .map(v -> v.replaceAll(".*\"status\":\"([A-Z]+)\".*", "$1"))
        .toList();
  }

  private int level(String ingredient) {
    return stock.findById(ingredient).map(StockLevel::quantity).orElseThrow();
  }

  @Test
  void brewsAPlacedOrderAndReportsBrewingThenReady() {
    int beans = level(Menu.BEANS);
    int milk = level(Menu.MILK);
    String order = placed("latte", 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> statuses(order).size() == 2);
    assertThat(statuses(order)).containsExactly("BREWING", "READY");
    assertThat(level(Menu.BEANS)).isEqualTo(beans - 2);
    assertThat(level(Menu.MILK)).isEqualTo(milk - 2);
    ConsumerRecord<String, String> ready =
        probe.records(Topics.ORDER_STATUS).stream()
            .filter(r -> order.equals(r.key()))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(KafkaProbe.header(ready, EventHeaders.SOURCE)).isEqualTo("barista");
  }

  @Test
  void takesARedeliveredOrderOnlyOnce() {
    int beans = level(Menu.BEANS);
    String order = UUID.randomUUID().toString();
    String eventId = UUID.randomUUID().toString();
    placedWithEventId(order, "espresso", 1, eventId);
    placedWithEventId(order, "espresso", 1, eventId);
    String marker = placed("espresso", 1);
    // the marker shares no partition guarantee with the order, so wait for both to be fully served
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> statuses(marker).size() == 2 && statuses(order).size() >= 2);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> statuses(order).size() == 2);
    assertThat(level(Menu.BEANS)).isEqualTo(beans - 2);
  }

  @Test
  void rejectsWhenStockRunsOutAndKeepsTheStock() {
    String first = placed("mocha", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> statuses(first).size() == 2);
    int beans = level(Menu.BEANS);
    String second = placed("mocha", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> statuses(second).size() == 1);
    assertThat(statuses(second)).containsExactly("REJECTED");
    assertThat(
            probe.records(Topics.ORDER_STATUS).stream()
                .filter(r -> second.equals(r.key()))
                .findFirst()
                .orElseThrow()
                .value())
        .contains("\"reason\":\"out of chocolate\"");
    assertThat(level(Menu.BEANS)).isEqualTo(beans);
    assertThat(level(Menu.CHOCOLATE)).isZero();
  }

  @Test
  void parksPoisonOnTheDeadLetterTopicWithTheErrorAndCarriesOn() {
    String key = "poison-" + UUID.randomUUID();
    probe.send(
        Topics.ORDER_PLACED,
        key,
        "{\"orderId\":\"x\",\"item\":\"latte\",\"quantity\":-4}",
        Map.of(EventHeaders.ID, UUID.randomUUID().toString(), EventHeaders.TYPE, OrderPlaced.TYPE));
    String after = placed("espresso", 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> probe.records(DLT).stream().anyMatch(r -> key.equals(r.key())));
    ConsumerRecord<String, String> parked =
        probe.records(DLT).stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    assertThat(KafkaProbe.header(parked, EventHeaders.DLT_ERROR_MESSAGE))
        .contains(
            "invalid order-placed payload (memberId must not be blank; quantity must be greater than or equal to 1)");
    assertThat(KafkaProbe.header(parked, EventHeaders.DLT_ERROR_CLASS))
        .endsWith("PoisonMessageException");
    await().atMost(Duration.ofSeconds(10)).until(() -> statuses(after).size() == 2);
  }

  @Test
  void appliesAPollInOneGoAndJudgesAPoisonRecordInItAlone() {
    int beans = level(Menu.BEANS);
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    String poison = "poison-" + UUID.randomUUID();
    ConsumerRecord<String, String> firstRecord = polled(first, espresso(first), 1_000_001);
    ConsumerRecord<String, String> secondRecord = polled(second, espresso(second), 1_000_003);
    List<ConsumerRecord<String, String>> poll =
        List.of(
            firstRecord,
            polled(poison, "{\"orderId\":\"" + poison + "\",\"quantity\":-4}", 1_000_002),
            secondRecord);

    processor.processAll(poll, "barista", barista::take);

    // the poison rolled the poll back; each record was then applied once on its own
    assertThat(level(Menu.BEANS)).isEqualTo(beans - 2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                statuses(first).size() == 2
                    && statuses(second).size() == 2
                    && probe.records(DLT).stream().anyMatch(r -> poison.equals(r.key())));
    assertThat(statuses(first)).containsExactly("BREWING", "READY");

    // the good records delivered again, together: the inbox lets neither through twice
    processor.processAll(List.of(firstRecord, secondRecord), "barista", barista::take);
    assertThat(level(Menu.BEANS)).isEqualTo(beans - 2);

    // a poll with nothing wrong in it: applied together
    String third = UUID.randomUUID().toString();
    String fourth = UUID.randomUUID().toString();
    processor.processAll(
        List.of(
            polled(third, espresso(third), 1_000_004), polled(fourth, espresso(fourth), 1_000_005)),
        "barista",
        barista::take);
    assertThat(level(Menu.BEANS)).isEqualTo(beans - 4);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> statuses(third).size() == 2 && statuses(fourth).size() == 2);
  }

  @Test
  void consumesInTheGroupThePlatformNames() throws Exception {
    placed("espresso", 1);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  admin.listConsumerGroups().all().get().stream()
                      .map(ConsumerGroupListing::groupId)
                      .toList(),
              groups -> groups.contains(GROUP) && !groups.contains("barista"));
    }
  }

  @Test
  void onlyStaffRestockAndOnlySignedInCallersSeeTheStock() {
    int milk = level(Menu.MILK);
    String member = issuer.token(UUID.randomUUID().toString(), "MEMBER");
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.PUT("/stock/milk", Map.of("quantity", 1)).bearerAuth(member)))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(403));
    assertThatThrownBy(
            () -> http.toBlocking().exchange(HttpRequest.PUT("/stock/milk", Map.of("quantity", 1))))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(401));
    assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/stock")))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(401));
    assertThat(level(Menu.MILK)).isEqualTo(milk);
    assertThat(
            http.toBlocking()
                .retrieve(HttpRequest.GET("/stock").bearerAuth(member), StockLevel[].class))
        .isNotEmpty();
    assertThat(http.toBlocking().retrieve("/menu")).contains("latte");
    assertThat(
            http.toBlocking()
                .retrieve(
                    HttpRequest.PUT("/stock/milk", Map.of("quantity", milk + 5))
                        .bearerAuth(issuer.token("staff", "STAFF")),
                    StockLevel.class)
                .quantity())
        .isEqualTo(milk + 5);
  }

  @Test
  void restockingRefusesANegativeQuantityNamingIt() {
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.PUT("/stock/milk", Map.of("quantity", -1))
                            .bearerAuth(issuer.token("staff", "STAFF")),
                        String.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getResponse().getBody(String.class).orElseThrow())
                  .contains("\"field\":\"quantity\"");
            });
    assertThat(level(Menu.MILK)).isPositive();
  }
}
