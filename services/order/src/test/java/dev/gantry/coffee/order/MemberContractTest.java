package dev.gantry.coffee.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coffee.order.members.MemberClient;
import dev.gantry.coffee.order.members.MemberSummary;
import dev.gantry.testing.PostgresServer;
import dev.gantry.testing.ServiceProcess;
import dev.gantry.testing.TokenIssuer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.filters.SecurityFilter;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * Consumer contract: order's {@link MemberClient} against member's actual API (the real service in
 * its own process) and against the OpenAPI document member publishes. If member renames a field
 * order reads, changes the path or drops the 404, this fails in member's build chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberContractTest {
  private final TokenIssuer issuer = TokenIssuer.start();
  private ServiceProcess member;
  private ApplicationContext order;
  private HttpClient memberHttp;

  @BeforeAll
  void start() throws Exception {
    member =
        ServiceProcess.start(
            "member",
            Map.of(
                "GANTRY_ETCD_ENDPOINTS", "", "MEMBER_TOKENS_PRIVATE_KEY", issuer.privateKeyPem()));
    memberHttp = HttpClient.create(new URL(member.baseUrl()));
    order =
        ApplicationContext.run(
            withDatabase(
                Map.of(
                    "micronaut.http.services.member.url", member.baseUrl(),
                    "kafka.enabled", "false",
                    "gantry.outbox.enabled", "false",
                    "gantry.etcd.endpoints", "")));
  }

  @AfterAll
  void stop() {
    order.close();
    memberHttp.close();
    member.close();
    issuer.close();
  }

  /**
   * What order does while it serves a member's request: ask member with that member's token, which
   * the client passes on.
   */
  private Optional<MemberSummary> findAs(String memberId) {
    Supplier<Optional<MemberSummary>> find = () -> order.getBean(MemberClient.class).find(memberId);
    // the token as the security filter leaves it on a request it has let through
    HttpRequest<?> request =
        HttpRequest.GET("/orders")
            .setAttribute(SecurityFilter.TOKEN, issuer.token(memberId, "MEMBER"));
    return ServerRequestContext.with(request, find);
  }

  @Test
  void clientReadsARealMember() {
    Map<?, ?> created =
        memberHttp
            .toBlocking()
            .retrieve(
                HttpRequest.POST(
                    "/members",
                    Map.of(
                        "name",
                        "Contract",
                        "email",
                        UUID.randomUUID() + "@example.org",
                        "password",
                        "a long password")),
                Map.class);
    MemberSummary found = findAs((String) created.get("id")).orElseThrow();
    assertThat(found.id()).isEqualTo(created.get("id"));
    assertThat(found.status()).isEqualTo("ACTIVE");
    assertThat(found.mayOrder()).isTrue();
  }

  @Test
  void clientSeesAnUnknownMemberAsEmpty() {
    assertThat(findAs(UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void memberPublishesWhatTheClientReliesOn() {
    String document = memberHttp.toBlocking().retrieve("/openapi/member-1.0.yml");
    Map<String, Object> openapi = new Yaml().load(document);
    Map<String, Object> get =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>) openapi.get("paths")).get("/members/{id}"))
                .get("get");
    Map<String, Object> responses = (Map<String, Object>) get.get("responses");
    assertThat(responses).containsKeys("200", "404");
    Map<String, Object> view =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) openapi.get("components")).get("schemas"))
                .get("MemberView");
    Map<String, Object> properties = (Map<String, Object>) view.get("properties");
    // the fields MemberSummary reads, with the value that means "may order"
    assertThat(properties).containsKeys("id", "status");
    Map<String, Object> status = (Map<String, Object>) properties.get("status");
    Object values =
        status.containsKey("enum")
            ? status.get("enum")
            : ((Map<String, Object>)
                    ((Map<String, Object>) openapi.get("components")).get("schemas"))
                .getOrDefault(
                    String.valueOf(status.get("$ref")).replace("#/components/schemas/", ""),
                    Map.of());
    assertThat(String.valueOf(values)).contains("ACTIVE");
    assertThat(
            List.of(MemberSummary.class.getRecordComponents()).stream()
                .map(c -> c.getName())
                .toList())
        .allSatisfy(field -> assertThat(properties).containsKey(field));
  }

  private static Map<String, Object> withDatabase(Map<String, ?> properties) {
    Map<String, Object> all = new HashMap<>(PostgresServer.shared().newDatabaseProperties("order"));
    all.putAll(properties);
    return all;
  }
}
