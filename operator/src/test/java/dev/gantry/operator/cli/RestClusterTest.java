package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseAction;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI's own client against a stand-in API server: requests, refusals, watches. */
class RestClusterTest {

  private HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> impersonated = new CopyOnWriteArrayList<>();
  private final List<String> authorization = new CopyOnWriteArrayList<>();

  private record Answer(int code, String body) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
    requests.add(key);
    impersonated.add(String.valueOf(exchange.getRequestHeaders().getFirst("Impersonate-User")));
    authorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    exchange.getRequestBody().readAllBytes();
    Answer answer =
        answers.entrySet().stream()
            .filter(e -> key.startsWith(e.getKey()))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(new Answer(404, "{\"kind\":\"Status\",\"message\":\"not found\"}"));
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.code(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private RestCluster cluster(String as) {
    KubeConfig config =
        new KubeConfig(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "shop",
            null,
            false,
            null,
            null,
            "secret");
    return new RestCluster(config, null, as, null);
  }

  private static final String MS_PATH = "/apis/gantry.dev/v1alpha1/namespaces/shop/microservices";
  private static final String RA_PATH = "/apis/gantry.dev/v1alpha1/namespaces/shop/releaseactions";

  private static String action(String resourceVersion, String outcome) {
    return "{\"apiVersion\":\"gantry.dev/v1alpha1\",\"kind\":\"ReleaseAction\",\"metadata\":"
        + "{\"name\":\"order-pause-1\",\"namespace\":\"shop\",\"resourceVersion\":\""
        + resourceVersion
        + "\"},\"spec\":{\"target\":\"order\",\"action\":\"Pause\"}"
        + (outcome == null
            ? ""
            : ",\"status\":{\"outcome\":\"" + outcome + "\",\"message\":\"ok\"}")
        + "}";
  }

  /** The action as the API server answered its creation: resourceVersion 4, no outcome yet. */
  private static ReleaseAction created() throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(action("4", null), ReleaseAction.class);
  }

  @Test
  void readsAnObjectWithTheTokenAndAsTheImpersonatedUser() {
    answers.put(
        "GET " + MS_PATH + "/order",
        new Answer(
            200,
            "{\"apiVersion\":\"gantry.dev/v1alpha1\",\"kind\":\"Microservice\",\"metadata\":"
                + "{\"name\":\"order\",\"namespace\":\"shop\"},\"spec\":{\"image\":\"shop/order:1\"},"
                + "\"unknownField\":1}"));
    try (RestCluster cluster = cluster("alice")) {
      Microservice ms = cluster.microservice("order");
      assertThat(ms.getMetadata().getName()).isEqualTo("order");
      assertThat(ms.getSpec().image()).isEqualTo("shop/order:1");
    }
    assertThat(impersonated).containsExactly("alice");
    assertThat(authorization).containsExactly("Bearer secret");
  }

  @Test
  void aMissingObjectIsTheOneLineNotFound() {
    try (RestCluster cluster = cluster(null)) {
      assertThatThrownBy(() -> cluster.microservice("ghost"))
          .isInstanceOf(GantryCli.CliException.class)
          .hasMessage("microservice ghost not found in namespace shop");
    }
    assertThat(impersonated).containsExactly("null");
  }

  @Test
  void refusalsReadAsBefore() {
    answers.put(
        "GET " + MS_PATH + "/order",
        new Answer(403, "{\"kind\":\"Status\",\"message\":\"User \\\"mallory\\\" cannot get\"}"));
    answers.put("POST /apis/authentication", new Answer(401, "{\"message\":\"Unauthorized\"}"));
    try (RestCluster cluster = cluster(null)) {
      assertThatThrownBy(() -> cluster.microservice("order"))
          .satisfies(
              e ->
                  assertThat(GantryCli.describe((Exception) e))
                      .isEqualTo("forbidden: User \"mallory\" cannot get"));
      assertThatThrownBy(cluster::currentUser)
          .satisfies(
              e ->
                  assertThat(GantryCli.describe((Exception) e))
                      .isEqualTo("not authenticated: Unauthorized"));
    }
  }

  @Test
  void anUnreachableServerSaysSo() {
    int port = server.getAddress().getPort();
    server.stop(0);
    KubeConfig config =
        new KubeConfig("http://127.0.0.1:" + port, null, null, false, null, null, null);
    try (RestCluster cluster = new RestCluster(config, null, null, null)) {
      assertThat(cluster.namespace()).isEqualTo("default");
      assertThatThrownBy(() -> cluster.microservice("order"))
          .satisfies(
              e ->
                  assertThat(GantryCli.describe((Exception) e))
                      .startsWith("cannot reach the API server: "));
    }
  }

  @Test
  void awaitsTheOutcomeAcrossAnEndedWatch() throws Exception {
    // The first watch ends without news (as the server's own time-out does); the object is
    // read again, still unanswered, and the second watch brings the outcome.
    List<String> watches = new ArrayList<>();
    answers.put("GET " + RA_PATH + "?watch=true", new Answer(200, ""));
    answers.put("GET " + RA_PATH + "/order-pause-1", new Answer(200, action("5", null)));
    try (RestCluster cluster = cluster(null)) {
      ReleaseAction created = created();
      Thread answerLater =
          new Thread(
              () -> {
                while (requests.stream().noneMatch(r -> r.contains("/order-pause-1"))) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
                answers.put(
                    "GET " + RA_PATH + "?watch=true",
                    new Answer(
                        200,
                        "{\"type\":\"MODIFIED\",\"object\":" + action("6", "Applied") + "}\n"));
              });
      answerLater.start();
      var outcome = cluster.awaitOutcome(created, Duration.ofSeconds(20));
      assertThat(outcome.outcome()).isEqualTo("Applied");
    }
    requests.stream().filter(r -> r.contains("watch=true")).forEach(watches::add);
    assertThat(watches.get(0))
        .contains("resourceVersion=4")
        .contains("metadata.name%3Dorder-pause-1");
    assertThat(watches.get(watches.size() - 1)).contains("resourceVersion=5");
  }

  @Test
  void anUnansweredActionTimesOutInFabric8sWords() throws Exception {
    answers.put("GET " + RA_PATH + "?watch=true", new Answer(200, ""));
    answers.put("GET " + RA_PATH + "/order-pause-1", new Answer(200, action("5", null)));
    try (RestCluster cluster = cluster(null)) {
      ReleaseAction created = created();
      assertThatThrownBy(() -> cluster.awaitOutcome(created, Duration.ofMillis(300)))
          .hasMessage(
              "Timed out waiting for [300] milliseconds for [ReleaseAction] with"
                  + " name:[order-pause-1] in namespace [shop].");
    }
  }
}
