package dev.gantry.coffee.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.coffee.contract.Topics;
import dev.gantry.runtime.messaging.EventHeaders;
import dev.gantry.testing.KafkaProbe;
import dev.gantry.testing.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas of order, barista and notification, each pair sharing its database as two pods of
 * one Deployment would: every event is published once, and a member's stream on either notification
 * replica sees every update, whichever replica consumed it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasTest {
  private CoffeeShop shop;
  private KafkaProbe probe;
  private ServiceProcess secondOrder;
  private ServiceProcess secondNotification;

  @BeforeAll
  void openShopWithTwoOfEach() {
    shop = new CoffeeShop(Map.of("BARISTA_BREW_TIME", "0s"));
    secondOrder = shop.addReplica(shop.order);
    shop.addReplica(shop.barista);
    secondNotification = shop.addReplica(shop.notification);
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

  @Test
  void everyEventIsPublishedOnceAndEveryStreamSeesEveryUpdate() {
    String member = shop.newMember("replicas");
    try (SseListener onFirst =
            new SseListener(
                shop.notification.baseUrl() + "/members/" + member + "/notifications",
                shop.bearer(member));
        SseListener onSecond =
            new SseListener(
                secondNotification.baseUrl() + "/members/" + member + "/notifications",
                shop.bearer(member))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> onFirst.isOpen() && onSecond.isOpen());

      List<String> orders = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String base = (i % 2 == 0 ? shop.order : secondOrder).baseUrl();
        CoffeeShop.Response placed =
            shop.call(
                "POST",
                base + "/orders",
                Map.of("memberId", member, "item", "espresso", "quantity", 1),
                shop.as(member, Map.of()));
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        orders.add(placed.body().get("id").asText());
      }
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () ->
                  orders.stream()
                      .allMatch(id -> "READY".equals(shop.getOrder(id).get("status").asText())));

      assertThat(eventIdsPublishedMoreThanOnce(Topics.ORDER_PLACED)).isEmpty();
      assertThat(probe.records(Topics.ORDER_PLACED))
          .filteredOn(r -> orders.contains(r.key()))
          .hasSize(orders.size());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(probe.records(Topics.ORDER_STATUS))
                      .filteredOn(r -> orders.contains(r.key()))
                      .hasSize(2 * orders.size()));
      assertThat(eventIdsPublishedMoreThanOnce(Topics.ORDER_STATUS)).isEmpty();
      assertThat(probe.records(EventHeaders.deadLetterTopic(Topics.ORDER_STATUS))).isEmpty();
      assertThat(probe.records(EventHeaders.deadLetterTopic(Topics.ORDER_PLACED))).isEmpty();

      for (SseListener stream : List.of(onFirst, onSecond)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(
                            stream.statusEvents().stream()
                                .map(SseListener.Received::data)
                                .map(
                                    d -> d.get("orderId").asText() + "/" + d.get("status").asText())
                                .distinct())
                        .hasSize(2 * orders.size()));
      }
    }
  }

  private Map<String, Long> eventIdsPublishedMoreThanOnce(String topic) {
    return probe.records(topic).stream()
        .map(r -> KafkaProbe.header(r, EventHeaders.ID))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
        .entrySet()
        .stream()
        .filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
