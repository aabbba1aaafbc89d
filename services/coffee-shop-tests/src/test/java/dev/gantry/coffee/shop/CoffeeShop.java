package dev.gantry.coffee.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.coffee.contract.Topics;
import dev.gantry.runtime.messaging.EventHeaders;
import dev.gantry.testing.EtcdServer;
import dev.gantry.testing.KafkaBroker;
import dev.gantry.testing.ServiceProcess;
import dev.gantry.testing.TokenIssuer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole shop on loopback: etcd, Kafka and the four services, wired as the operator would wire
 * them.
 */
final class CoffeeShop implements AutoCloseable {
  static final String NAMESPACE = "coffee-test";
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> TOPICS =
      Stream.concat(Topics.ALL.stream(), Topics.ALL.stream().map(EventHeaders::deadLetterTopic))
          .toList();

  final EtcdServer etcd;
  final KafkaBroker kafka;
  final ServiceProcess member;
  final ServiceProcess barista;
  final ServiceProcess notification;
  final ServiceProcess order;
  final Client etcdClient;
  final List<ServiceProcess> replicas = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static final String STAFF_EMAIL = "staff@coffee.test";
  static final String PASSWORD = "a long test password";

  /** Headers that send no token at all. */
  static final Map<String, String> ANONYMOUS = Map.of("Authorization", "");

  // member's signing key: made here as the runner makes it with openssl
  private final TokenIssuer keys = TokenIssuer.start();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  final String staffToken;

  CoffeeShop(Map<String, String> baristaEnvironment) {
    etcd = EtcdServer.start();
    kafka = KafkaBroker.start();
    kafka.createTopics(TOPICS.toArray(String[]::new));
    etcdClient = Client.builder().endpoints(etcd.endpoint()).build();
    member = ServiceProcess.start("member", memberEnvironment(Map.of()));
    staffToken = login(STAFF_EMAIL);
    Map<String, String> barista = new HashMap<>(baristaEnvironment);
    this.barista = ServiceProcess.start("barista", environment(barista));
    notification = ServiceProcess.start("notification", environment(Map.of()));
    order = ServiceProcess.start("order", environment(Map.of("GANTRY_MEMBER_CIRCUIT_RESET", "3s")));
  }

  /** The operator's environment contract, for the local (registry) case. */
  Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "GANTRY_NAMESPACE", NAMESPACE,
                "GANTRY_REVISION", "r1",
                "GANTRY_VERSION", "1.0.0",
                "GANTRY_DISCOVERY_MODE", "registry",
                "GANTRY_ETCD_ENDPOINTS", etcd.endpoint(),
                "GANTRY_POD_IP", "127.0.0.1",
                "GANTRY_DISCOVERY_LEASE_TTL", "5s",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
    if (member != null) {
      env.put("COFFEE_TOKENS_JWKS_URL", member.baseUrl() + "/keys");
    }
    env.putAll(extra);
    return env;
  }

  /** member's environment: the operator's contract, its signing key and the staff account. */
  Map<String, String> memberEnvironment(Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "MEMBER_TOKENS_PRIVATE_KEY",
                keys.privateKeyPem(),
                "MEMBER_STAFF_EMAIL",
                STAFF_EMAIL,
                "MEMBER_STAFF_PASSWORD",
                PASSWORD,
                "MEMBER_PASSWORDS_ITERATIONS",
                "10000"));
    env.putAll(extra);
    return environment(env);
  }

  List<KeyValue> registered(String service) throws Exception {
    String prefix = "/gantry/instances/" + NAMESPACE + "/" + (service == null ? "" : service + "/");
    return etcdClient
        .getKVClient()
        .get(
            ByteSequence.from(prefix, StandardCharsets.UTF_8),
            GetOption.builder().isPrefix(true).build())
        .get(3, TimeUnit.SECONDS)
        .getKvs();
  }

  record Response(int status, JsonNode body, String raw) {}

  /**
   * One request; it carries the staff token unless {@code headers} name an Authorization (an empty
   * one: {@link #ANONYMOUS}, no token).
   */
  Response call(String method, String url, Object body, Map<String, String> headers) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", "application/json");
      if (staffToken != null && !headers.containsKey("Authorization")) {
        request.setHeader("Authorization", "Bearer " + staffToken);
      }
      headers.forEach(
          (name, value) -> {
            if (!value.isEmpty()) {
              request.setHeader(name, value);
            }
          });
      request.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(
                  body instanceof String s ? s : JSON.writeValueAsString(body)));
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isBlank() ? null : parse(response.body());
      return new Response(response.statusCode(), json, response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Registers a member and signs it in; its token is {@link #as}'s from then on. */
  String newMember(String name) {
    String email = name + "-" + System.nanoTime() + "@example.org";
    Response created =
        call(
            "POST",
            member.baseUrl() + "/members",
            Map.of("name", name, "email", email, "password", PASSWORD),
            ANONYMOUS);
    if (created.status() != 201) {
      throw new IllegalStateException("member not created: " + created.raw());
    }
    String id = created.body().get("id").asText();
    tokens.put(id, login(email));
    return id;
  }

  private String login(String email) {
    Response login =
        call(
            "POST",
            member.baseUrl() + "/login",
            Map.of("username", email, "password", PASSWORD),
            ANONYMOUS);
    if (login.status() != 200) {
      throw new IllegalStateException("cannot sign in as " + email + ": " + login.raw());
    }
    return login.body().get("access_token").asText();
  }

  /** {@code headers} and member {@code memberId}'s own token. */
  Map<String, String> as(String memberId, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    all.put("Authorization", bearer(memberId));
    return all;
  }

  /** {@code Bearer <token>} of member {@code memberId}. */
  String bearer(String memberId) {
    return "Bearer " + tokens.get(memberId);
  }

  Response placeOrder(String memberId, String item) {
    return call(
        "POST",
        order.baseUrl() + "/orders",
        Map.of("memberId", memberId, "item", item, "quantity", 1),
        as(memberId, Map.of()));
  }

  JsonNode getOrder(String id) {
    return call("GET", order.baseUrl() + "/orders/" + id, null, Map.of()).body();
  }

  int stock(String ingredient) {
    for (JsonNode level : call("GET", barista.baseUrl() + "/stock", null, Map.of()).body()) {
      if (level.get("ingredient").asText().equals(ingredient)) {
        return level.get("quantity").asInt();
      }
    }
    throw new IllegalStateException("no " + ingredient);
  }

  /** Starts one more replica of {@code service}, sharing its database. */
  ServiceProcess addReplica(ServiceProcess service) {
    ServiceProcess replica = service.replica();
    replicas.add(replica);
    return replica;
  }

  @Override
  public void close() {
    replicas.forEach(ServiceProcess::close);
    for (ServiceProcess service : new ServiceProcess[] {order, notification, barista, member}) {
      if (service != null) {
        service.close();
      }
    }
    etcdClient.close();
    kafka.close();
    etcd.close();
    keys.close();
  }
}
