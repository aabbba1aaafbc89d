package dev.gantry.coffee.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.coffee.contract.OrderStatusChanged;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.runtime.messaging.EventHeaders;
import dev.gantry.testing.KafkaBroker;
import dev.gantry.testing.KafkaProbe;
import dev.gantry.testing.PostgresServer;
import dev.gantry.testing.TokenIssuer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** notification in-process against a real Kafka broker; clients read real server-sent events. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationStreamTest implements TestPropertyProvider {
  private KafkaBroker kafka;
  private KafkaProbe probe;

  @Inject
  @Client("/")
  SseClient sse;

  @Inject
  @Client("/")
  HttpClient http;

  private final TokenIssuer issuer = TokenIssuer.start();

  @Override
  public Map<String, String> getProperties() {
    kafka = KafkaBroker.start();
    kafka.createTopics(Topics.ORDER_STATUS);
    probe = KafkaProbe.watch(kafka.bootstrapServers(), Topics.ORDER_STATUS);
    Map<String, String> properties =
        new HashMap<>(PostgresServer.shared().newDatabaseProperties("notification"));
    properties.putAll(
        Map.of(
            "kafka.bootstrap.servers",
            kafka.bootstrapServers(),
            "gantry.service.name",
            "notification",
            "gantry.etcd.endpoints",
            "",
            "coffee.tokens.jwks-url",
            issuer.jwksUrl()));
    return properties;
  }

  @AfterAll
  void stopServers() {
    probe.close();
    kafka.close();
    issuer.close();
  }

  private void status(String memberId, String orderId, String status, String eventId) {
    probe.send(
        Topics.ORDER_STATUS,
        orderId,
        "{\"orderId\":\""
            + orderId
            + "\",\"memberId\":\""
            + memberId
            + "\",\"item\":\"latte\",\"status\":\""
            + status
            + "\"}",
        Map.of(EventHeaders.ID, eventId, EventHeaders.TYPE, OrderStatusChanged.TYPE));
  }

  private record Received(String id, String status, String orderId) {}

  private Disposable listen(HttpRequest<?> request, List<Received> into) {
    return Flux.from(sse.eventStream(request, Argument.mapOf(String.class, Object.class)))
        .filter(e -> "order-status".equals(e.getName()))
        .subscribe(
            e ->
                into.add(
                    new Received(
                        e.getId(),
                        (String) e.getData().get("status"),
                        (String) e.getData().get("orderId"))));
  }

  @Test
  void streamsEachMembersOwnUpdatesAsTheyHappenOnceEach() {
    String member = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    List<Received> received = new CopyOnWriteArrayList<>();
    Disposable stream =
        listen(
            HttpRequest.GET("/members/" + member + "/notifications")
                .bearerAuth(issuer.token(member, "MEMBER")),
            received);
    try {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  http.toBlocking()
                      .retrieve("/prometheus")
                      .contains("coffee_notifications_streams 1.0"));
      String order = UUID.randomUUID().toString();
      String brewing = UUID.randomUUID().toString();
      status(member, order, "BREWING", brewing);
      status(member, order, "BREWING", brewing);
      status(other, UUID.randomUUID().toString(), "READY", UUID.randomUUID().toString());
      status(member, order, "READY", UUID.randomUUID().toString());

      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(3))
          .until(() -> received.size() == 2);
      assertThat(received).extracting(Received::status).containsExactly("BREWING", "READY");
      assertThat(received).extracting(Received::orderId).containsOnly(order);
    } finally {
      stream.dispose();
    }
  }

  @Test
  void aMembersTokenOpensOnlyItsOwnStream() {
    String member = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    String others = issuer.token(other, "MEMBER");
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.GET("/members/" + member + "/notifications")
                            .accept("text/event-stream")
                            .bearerAuth(others)))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(403);
              assertThat(e.getResponse().getBody(String.class).orElseThrow())
                  .contains("it may follow only its own updates");
            });
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.GET("/members/" + member + "/notifications/recent")
                            .bearerAuth(others)))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(403));
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.GET("/members/" + member + "/notifications")
                            .accept("text/event-stream")))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(401));
    assertThat(
            http.toBlocking()
                .retrieve(
                    HttpRequest.GET("/members/" + member + "/notifications/recent")
                        .bearerAuth(issuer.token("staff", "STAFF")),
                    Argument.listOf(NotificationView.class)))
        .isEmpty();
  }

  @Test
  void aReconnectingClientGetsWhatItMissedAfterItsLastEventId() {
    String member = UUID.randomUUID().toString();
    String order = UUID.randomUUID().toString();
    status(member, order, "BREWING", UUID.randomUUID().toString());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                http.toBlocking()
                        .retrieve(
                            HttpRequest.GET("/members/" + member + "/notifications/recent")
                                .bearerAuth(issuer.token(member, "MEMBER")),
                            Argument.listOf(NotificationView.class))
                        .size()
                    == 1);
    long first =
        http.toBlocking()
            .retrieve(
                HttpRequest.GET("/members/" + member + "/notifications/recent")
                    .bearerAuth(issuer.token(member, "MEMBER")),
                Argument.listOf(NotificationView.class))
            .get(0)
            .id();
    status(member, order, "READY", UUID.randomUUID().toString());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                http.toBlocking()
                        .retrieve(
                            HttpRequest.GET("/members/" + member + "/notifications/recent")
                                .bearerAuth(issuer.token(member, "MEMBER")),
                            Argument.listOf(NotificationView.class))
                        .size()
                    == 2);

    List<Received> received = new CopyOnWriteArrayList<>();
    Disposable stream =
        listen(
            HttpRequest.GET("/members/" + member + "/notifications")
                .header("Last-Event-ID", String.valueOf(first))
                .bearerAuth(issuer.token(member, "MEMBER")),
            received);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1);
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(3))
          .until(() -> received.size() == 1);
      assertThat(received).extracting(Received::status).containsExactly("READY");
    } finally {
      stream.dispose();
    }
  }
}
