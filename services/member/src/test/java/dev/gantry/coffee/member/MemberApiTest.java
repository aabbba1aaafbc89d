package dev.gantry.coffee.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.coffee.member.api.MemberView;
import dev.gantry.coffee.member.persistence.MemberRepository;
import dev.gantry.testing.PostgresServer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberApiTest implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject MemberRepository repository;

  @Override
  public Map<String, String> getProperties() {
    return PostgresServer.shared().newDatabaseProperties("member");
  }

  private MemberView register(String name, String email) {
    return http.toBlocking()
        .retrieve(
            HttpRequest.POST("/members", Map.of("name", name, "email", email)), MemberView.class);
  }

  @Test
  void registersReadsUpdatesAndDeletesAMember() {
    HttpResponse<MemberView> created =
        http.toBlocking()
            .exchange(
                HttpRequest.POST("/members", Map.of("name", "Ada", "email", "ada@example.org")),
                MemberView.class);
    assertThat(created.status().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
    MemberView ada = created.body();
    assertThat(created.header("Location")).isEqualTo("/members/" + ada.id());
    assertThat(ada.status()).isEqualTo(MemberStatus.ACTIVE);

    assertThat(http.toBlocking().retrieve("/members/" + ada.id(), MemberView.class)).isEqualTo(ada);

    MemberView suspended =
        http.toBlocking()
            .retrieve(
                HttpRequest.PUT(
                    "/members/" + ada.id(),
                    Map.of("name", "Ada L.", "email", "ada@example.org", "status", "SUSPENDED")),
                MemberView.class);
    assertThat(suspended.status()).isEqualTo(MemberStatus.SUSPENDED);
    assertThat(suspended.name()).isEqualTo("Ada L.");

    assertThat(http.toBlocking().exchange(HttpRequest.DELETE("/members/" + ada.id())).code())
        .isEqualTo(204);
    assertThatThrownBy(() -> http.toBlocking().retrieve("/members/" + ada.id(), MemberView.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
  }

  @Test
  void refusesInvalidFieldsNamingEachAndStoresNothing() {
    long before = repository.count();
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.POST("/members", Map.of("name", "", "email", "not-an-email")),
                        String.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
              String body = e.getResponse().getBody(String.class).orElseThrow();
              assertThat(body).contains("\"field\":\"name\"", "\"field\":\"email\"");
            });
    assertThat(repository.count()).isEqualTo(before);
  }

  @Test
  void refusesAnUnknownStatusNamingTheField() {
    MemberView bo = register("Bo", "bo@example.org");
    assertThatThrownBy(
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.PUT(
                            "/members/" + bo.id(),
                            Map.of("name", "Bo", "email", "bo@example.org", "status", "ROYALTY")),
                        String.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
              assertThat(e.getResponse().getBody(String.class).orElseThrow())
                  .contains("\"field\":\"status\"", "must be ACTIVE or SUSPENDED");
            });
    assertThat(http.toBlocking().retrieve("/members/" + bo.id(), MemberView.class).status())
        .isEqualTo(MemberStatus.ACTIVE);
  }

  @Test
  void refusesASecondMemberWithTheSameEmail() {
    register("Cy", "cy@example.org");
    assertThatThrownBy(() -> register("Cy again", "cy@example.org"))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.CONFLICT.getCode()));
  }

  @Test
  void listsMembersAPageAtATime() {
    register("Di", "di@example.org");
    List<MemberView> page =
        http.toBlocking()
            .retrieve(HttpRequest.GET("/members?size=1"), Argument.listOf(MemberView.class));
    assertThat(page).hasSize(1);
  }

  @Test
  void servesHealthMetricsAndItsOpenApiDocument() {
    assertThat(http.toBlocking().exchange("/health/readiness").status().getCode())
        .isEqualTo(HttpStatus.OK.getCode());
    assertThat(http.toBlocking().exchange("/health/liveness").status().getCode())
        .isEqualTo(HttpStatus.OK.getCode());
    http.toBlocking().retrieve("/members?size=1");
    String metrics = http.toBlocking().retrieve("/prometheus");
    assertThat(metrics).contains("http_server_requests_seconds_count", "uri=\"/members\"");
    String openapi = http.toBlocking().retrieve("/openapi/member-1.0.yml");
    assertThat(openapi).contains("/members/{id}:", "MemberView");
  }
}
