package dev.gantry.coffee.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.runtime.messaging.EventHeaders;
import dev.gantry.testing.KafkaProbe;
import dev.gantry.testing.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Crash anything, lose nothing: 2,000 orders at about 100 a second while barista, order,
 * notification and member are each SIGKILLed in turn and started again. A client retries each order
 * with its Idempotency-Key until it is accepted, as a real client would. Every order ends READY,
 * with each step of its history once, the stock drops by exactly what was brewed, and nothing is
 * dead-lettered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashTest {
  private static final int ORDERS = 2_000;
  private static final int PER_SECOND = 100;
  private static final int BEANS = 100_000;
  private CoffeeShop shop;
  private KafkaProbe probe;

  @BeforeAll
  void openShop() {
    shop =
        new CoffeeShop(
            Map.of(
                "BARISTA_BREW_TIME",
                "0s",
                "BARISTA_INITIAL_STOCK_COFFEE_BEANS",
                String.valueOf(BEANS)));
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
  void killingEachServiceInTurnUnderLoadLosesNoOrderAndAppliesNoneTwice() throws Exception {
    String member = shop.newMember("crash");
    Map<String, String> accepted = new ConcurrentHashMap<>(); // idempotency key -> order id
    ExecutorService clients = Executors.newFixedThreadPool(32);
    // restarts on a thread of their own: the clients' threads may all be retrying against the dead
    ExecutorService restarts = Executors.newSingleThreadExecutor();
    List<Future<?>> placing = new ArrayList<>();
    List<ServiceProcess> victims =
        List.of(shop.barista, shop.order, shop.notification, shop.member);
    long started = System.nanoTime();
    try {
      for (int i = 0; i < ORDERS; i++) {
        long due = started + TimeUnit.SECONDS.toNanos(i) / PER_SECOND;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a condition
        }
        if (i % (ORDERS / victims.size()) == ORDERS / victims.size() / 2) {
          ServiceProcess victim = victims.get(i / (ORDERS / victims.size()));
          victim.kill();
          placing.add(restarts.submit(victim::startAgain));
        }
        String key = UUID.randomUUID().toString();
        placing.add(clients.submit(() -> placeUntilAccepted(member, key, accepted)));
      }
      for (Future<?> future : placing) {
        future.get(5, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
      restarts.shutdownNow();
    }
    assertThat(accepted).hasSize(ORDERS);

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> countByStatus(member, "READY") == ORDERS);
    JsonNode all =
        shop.call("GET", shop.order.baseUrl() + "/orders?memberId=" + member, null, Map.of())
            .body();
    assertThat(all).as("orders stored: one per idempotency key").hasSize(ORDERS);
    for (JsonNode order : all) {
      assertThat(
              StreamSupport.stream(order.get("history").spliterator(), false)
                  .map(step -> step.get("status").asText())
                  .toList())
          .as("history of %s", order.get("id").asText())
          .containsExactly("PLACED", "BREWING", "READY");
    }
    assertThat(shop.stock("coffee-beans"))
        .as("one portion of beans per espresso")
        .isEqualTo(BEANS - ORDERS);
    for (String topic : List.of(Topics.ORDER_PLACED, Topics.ORDER_STATUS)) {
      assertThat(probe.records(EventHeaders.deadLetterTopic(topic)))
          .as("dead letters of %s", topic)
          .isEmpty();
    }
  }

  /** A client's retry loop: the same key until the shop says 201. */
  private void placeUntilAccepted(String member, String key, Map<String, String> accepted) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        CoffeeShop.Response response =
            shop.call(
                "POST",
                shop.order.baseUrl() + "/orders",
                Map.of("memberId", member, "item", "espresso", "quantity", 1),
                shop.as(member, Map.of("Idempotency-Key", key)));
        if (response.status() == 201) {
          accepted.put(key, response.body().get("id").asText());
          return;
        }
        last = response.status() + " " + response.raw();
      } catch (IllegalStateException e) {
        last = e.getMessage(); // connection refused while order restarts: retry
      }
      try {
        Thread.sleep(200); // a client's retry interval
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("order with key " + key + " never accepted; last: " + last);
  }

  private long countByStatus(String member, String status) {
    JsonNode orders =
        shop.call("GET", shop.order.baseUrl() + "/orders?memberId=" + member, null, Map.of())
            .body();
    if (orders == null || !orders.isArray()) {
      return -1;
    }
    return StreamSupport.stream(orders.spliterator(), false)
        .filter(o -> status.equals(o.get("status").asText()))
        .count();
  }
}
